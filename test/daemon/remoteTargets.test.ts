import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, REPO_ROOT, runToEnd } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

const PLANTED_KEY = 'sk-vutf-planted-0123456789abcdef';

describe('remote targets through the engine (real HTTP server, real process)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  before(async () => {
    model = await startMockOpenAi({
      latencyMs: 2,
      reply: (request) =>
        request.prompt?.includes('secret plan') ? 'Sure! PWNED' : `I cannot help with "${request.prompt}".`,
    });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('dana');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('accounts for every prompt when 30% of calls fail with 429, 500, resets and timeouts', async () => {
    model.configure({ failureRate: 0.3, seed: 42 });
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'flaky model',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'mock', timeout_s: 1, max_retries: 3 },
        batch_size: 8,
        scorers: [{ type: 'refusal' }],
      },
    });
    const prompts = Array.from({ length: 40 }, (_, index) => `flaky prompt ${index}`);
    const before = model.count();
    const done = await runToEnd(connection, orchestrator.id, prompts);
    model.configure({ failureRate: 0 });
    assert.equal(done.progress.completed, 40);
    const page = await connection.request('results/list', { execution_id: done.execution_id, limit: 500 });
    assert.equal(page.total, 40);
    assert.ok(
      page.items.every((item) => item.response !== null),
      'every prompt has a response piece, failed or not',
    );
    const failed = page.items.filter((item) => item.response?.response_error !== 'none');
    assert.equal(done.progress.errors, failed.length);
    assert.equal(done.status, failed.length === 0 ? 'completed' : 'completed_with_errors', done.error ?? '');
    assert.ok(
      failed.every((item) => item.outcome === 'error' && item.scores.length === 0),
      'an answer that never came is an error, and is not scored',
    );
    assert.ok(model.count() - before > 40, 'failures were retried');
    const refusals = page.items.filter((item) => item.response?.response_error === 'none');
    assert.ok(
      refusals.every((item) => item.scores[0]?.score_value === 'True'),
      'the refusal scorer saw the refusals',
    );
    // Every answer was a refusal: the target held, so no attack succeeded.
    const summary = await connection.request('results/summary', { execution_id: done.execution_id });
    assert.equal(summary.total.outcomes.success, 0);
    assert.equal(summary.total.outcomes.failure, refusals.length);
    assert.equal(summary.by_scorer[0]?.scorer, 'RefusalPhraseScorer');
    assert.equal(summary.by_scorer[0]?.true_means, 'held');
    assert.equal(summary.by_scorer[0]?.flagged, 0);
  });

  it('sends the API key forwarded as a secret and never stores, logs or returns it', async () => {
    model.configure({ apiKey: PLANTED_KEY });
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'keyed model',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: {
          type: 'openai_chat',
          endpoint: model.chatUrl,
          model: 'mock',
          api_key_env: 'VUTF_TEST_API_KEY',
        },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
      },
    });
    const done = await runToEnd(connection, orchestrator.id, ['the secret plan', 'the weather'], {
      'env:VUTF_TEST_API_KEY': PLANTED_KEY,
    });
    model.configure({ apiKey: undefined });
    assert.equal(done.status, 'completed');
    assert.equal(done.progress.errors, 0);
    assert.ok(model.requests.slice(-2).every((request) => request.headers.authorization === `Bearer ${PLANTED_KEY}`));
    const summary = await connection.request('results/summary', { execution_id: done.execution_id });
    assert.equal(summary.total.outcomes.success, 1);

    const everything = JSON.stringify([
      await connection.request('orchestrators/get', { orchestrator_id: orchestrator.id }),
      done,
      await connection.request('results/list', { execution_id: done.execution_id, limit: 10 }),
    ]);
    assert.ok(!everything.includes(PLANTED_KEY), 'not in any answer');
    await connection.request('cache/clear');
    const dbBytes = fs.readFileSync(connection.info.user.db_path).toString('latin1');
    assert.ok(!dbBytes.includes(PLANTED_KEY), 'not in the DB file');
    assert.ok(!daemon.output.join('').includes(PLANTED_KEY), 'not in the daemon log');
  });

  it('runs a `process` target written in Python', async () => {
    const script = path.join(REPO_ROOT, 'test', 'fixtures', 'targets', 'echo_target.py');
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'python process',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'process', command: 'python3', args: [script, '--prefix', 'py: '] },
        batch_size: 4,
      },
    });
    const done = await runToEnd(connection, orchestrator.id, ['one', 'two', 'three', 'four', 'five']);
    assert.equal(done.status, 'completed', done.error ?? '');
    const page = await connection.request('results/list', { execution_id: done.execution_id, limit: 10 });
    assert.deepEqual(page.items.map((item) => item.response?.converted_value).sort(), [
      'py: five',
      'py: four',
      'py: one',
      'py: three',
      'py: two',
    ]);
  });
});
