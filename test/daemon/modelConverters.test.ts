import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
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

  it('lists every converter over the protocol, the same set the config schema accepts', async () => {
    const { converters } = await connection.request('converters/list');
    assert.ok(converters.length >= 45, `${converters.length} converters`);
    const byType = new Map(converters.map((entry) => [entry.type, entry]));
    assert.deepEqual(
      { ...byType.get('tone'), parameters_schema: undefined },
      {
        type: 'tone',
        pyrit_class: 'ToneConverter',
        pyrit_module: 'pyrit.prompt_converter.tone_converter',
        description: 'Asks the converter model to rewrite the prompt in tone, keeping its meaning.',
        parameters_schema: undefined,
        needs_model: true,
        seeded: false,
      },
    );
    assert.equal(byType.get('zalgo')?.seeded, true);
    assert.equal(byType.get('zalgo')?.needs_model, false);
    assert.deepEqual((byType.get('caesar')?.parameters_schema as { required?: string[] }).required, [
      'type',
      'caesar_offset',
    ]);
    assert.equal(byType.get('reverse')?.pyrit_class, 'FlipConverter');

    const schemaText = fs.readFileSync(path.join(__dirname, '../../docs/orchestrator.schema.json'), 'utf8');
    const inSchema = new Set(
      [...schemaText.matchAll(/"type": \{\s*"type": "string",\s*"const": "([a-z0-9_]+)"/g)].map((m) => m[1]),
    );
    for (const entry of converters) assert.ok(inSchema.has(entry.type), `${entry.type} is in the config schema`);
  });

  it('vutf converters prints one line per converter, flagging model and seed', () => {
    const listed = daemon.cli(['converters', '--user', 'casey']);
    assert.equal(listed.status, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 45);
    assert.ok(
      lines.some((line) => /^tone +ToneConverter \(model\)$/.test(line)),
      listed.stdout,
    );
    assert.ok(lines.some((line) => /^zalgo +ZalgoConverter \(seed\)$/.test(line)));
    assert.ok(lines.some((line) => /^random_translation +RandomTranslationConverter \(model, seed\)$/.test(line)));
  });
});
