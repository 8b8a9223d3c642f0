import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { startMockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

const BUDGET = 6;
const PROMPTS = Array.from({ length: 20 }, (_, index) => `budgeted prompt #${index}`);

/**
 * kill -9 in the middle of a run with a request budget, then resume: the calls the killed daemon made and
 * recorded count toward the budget (the usage ledger is in the memory file), so the execution as a whole makes
 * exactly BUDGET recorded calls, and the model sees at most one more (the call in flight when the kill landed,
 * whose row was never acknowledged).
 */
describe('kill -9 during a budgeted run, then resume (real daemon, real DuckDB, local model)', () => {
  it(`keeps a max_requests ${BUDGET} budget across the kill`, { timeout: 120_000 }, async () => {
    // Slow enough answers that the kill (after two results) lands well before the sixth call, even on a loaded machine.
    const model = await startMockOpenAi({ latencyMs: 300, reply: () => 'No.' });
    const first = await DaemonHarness.start();
    let second: DaemonHarness | undefined;
    try {
      let connection: DaemonConnection = await first.connect('killer');
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'budget across kill',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', max_retries: 0 },
          batch_size: 1,
        },
      });
      const { execution_id: executionId } = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: PROMPTS },
        budget: { max_requests: BUDGET },
      });
      await waitFor(
        'two acknowledged results',
        async () => {
          const { total } = await connection.request('results/list', { execution_id: executionId, limit: 1 });
          return total >= 2 ? true : undefined;
        },
        60_000,
      );
      connection.close();
      await first.kill9();

      second = await DaemonHarness.start({ reuse: first });
      connection = await second.connect('killer');
      const interrupted = await connection.request('executions/get', { execution_id: executionId });
      assert.equal(interrupted.status, 'interrupted');
      assert.deepEqual(interrupted.budget, { max_requests: BUDGET }, 'the budget is in the memory file');
      assert.ok(interrupted.usage.requests >= 2, `${interrupted.usage.requests} calls recorded before the kill`);
      assert.ok(interrupted.usage.requests < BUDGET, 'the kill landed before the budget was spent');

      // No new budget: the execution keeps the one it was started with, as an absolute total.
      await connection.request('executions/resume', { execution_id: executionId });
      const done = await waitFor(
        'the resumed run to end',
        async () => {
          const execution = await connection.request('executions/get', { execution_id: executionId });
          return execution.status === 'running' ? undefined : execution;
        },
        60_000,
      );
      assert.equal(done.status, 'budget_exhausted', done.error ?? '');
      assert.equal(done.usage.requests, BUDGET, 'recorded calls over both daemons');
      assert.ok(model.count() <= BUDGET + 1, `the model saw ${model.count()} calls`);
      const { total } = await connection.request('results/list', { execution_id: executionId, limit: 1 });
      assert.ok(total <= BUDGET && total >= BUDGET - 1, `${total} results stored`);
      connection.close();
    } finally {
      await second?.stop();
      await first.stop().catch(() => undefined);
      await model.close();
    }
  });
});
