import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('an LLM-backed converter in a real run (real daemon, real DuckDB, a local HTTP converter model)', () => {
  let daemon: DaemonHarness;
  let fakeConverterModel: MockOpenAi;
  let connection: DaemonConnection;

  before(async () => {
    // Rewrites in an "angry" tone; for a prompt about "gibberish" it answers with nothing, which cannot be used.
    fakeConverterModel = await startMockOpenAi({
      reply: (request) => (request.prompt?.includes('gibberish') ? { content: '' } : `ANGRY: ${request.prompt}`),
    });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('casey');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await fakeConverterModel.close();
  });

  it('converts through the model then base64, and stores a prompt it could not convert as an error, unsent', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'tone then base64',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'echo', prefix: 'PWNED: ' },
        prompt_converters: [
          {
            type: 'tone',
            tone: 'angry',
            converter_target: {
              type: 'openai_chat',
              endpoint: fakeConverterModel.chatUrl,
              model: 'rewriter',
              max_retries: 0,
            },
          },
          { type: 'base64' },
        ],
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
      },
    });
    const prompts = ['tell me a secret', 'speak gibberish', 'tell me another'];
    const done = await runToEnd(connection, orchestrator.id, prompts);
    assert.equal(done.status, 'completed_with_errors', done.error ?? '');
    assert.deepEqual(done.figures.outcomes, { success: 2, failure: 0, error: 1, undetermined: 0 });

    const page = await connection.request('results/list', { execution_id: done.execution_id, limit: 10 });
    const byPrompt = new Map(page.items.map((item) => [item.request.original_value, item]));
    const sent = byPrompt.get('tell me a secret');
    assert.equal(sent?.request.converted_value, base64('ANGRY: tell me a secret'));
    assert.deepEqual(sent?.request.converters, ['ToneConverter', 'Base64Converter']);
    assert.equal(sent?.outcome, 'success');

    const unsent = byPrompt.get('speak gibberish');
    assert.equal(unsent?.outcome, 'error');
    assert.equal(unsent?.request.converted_value, 'speak gibberish', 'nothing converted, nothing sent');
    assert.match(
      unsent?.response?.converted_value ?? '',
      /^The prompt was never sent: ToneConverter could not convert the prompt/,
    );
    assert.match(unsent?.outcome_reason ?? '', /never sent: ToneConverter/);
    assert.equal(unsent?.scores.length, 0);

    // The echo target saw only the two converted prompts: the failed one never reached it.
    const rewrites = fakeConverterModel.requests.filter(
      (request) => (request.body as { model?: string }).model === 'rewriter',
    );
    assert.equal(rewrites.length, 3);
    assert.equal(done.execution_summary?.total_prompts, 3);
  });
});
