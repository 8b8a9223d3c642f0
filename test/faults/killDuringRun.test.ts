import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { allResults, seeded, waitForEnd } from './faultKit';

/**
 * kill -9 at random points of a 600-prompt run, three times: after every restart no acknowledged result (seen in
 * results/list before the kill) is gone, the run is `interrupted`, and the final resume answers each prompt
 * exactly once.
 */
const PROMPTS = 600;
const KILLS = 3;
const SEED = Number(process.env.VUTF_FAULT_SEED ?? Date.now() % 1_000_000);

describe('kill -9 during a run (real daemon, real DuckDB)', () => {
  it(
    `loses no acknowledged result across ${KILLS} kills of a ${PROMPTS}-prompt run (seed ${SEED})`,
    { timeout: 180_000 },
    async () => {
      const random = seeded(SEED);
      const first = await DaemonHarness.start();
      const restarted: DaemonHarness[] = [];
      let current = first;
      try {
        let connection = await current.connect('crashy');
        const orchestrator = await connection.request('orchestrators/create', {
          name: 'crash target',
          orchestrator_type: 'prompt_sending',
          parameters: {
            objective_target: { type: 'echo', prefix: 'ok: ', delay_ms: 25 },
            batch_size: 4,
            scorers: [{ type: 'substring', substring: 'ok', category: 'x' }],
          },
        });
        const prompts = Array.from({ length: PROMPTS }, (_, index) => `kill test prompt #${index}`);
        const { execution_id: executionId } = await connection.request('executions/start', {
          orchestrator_id: orchestrator.id,
          execution_type: 'prompt_list',
          input_data: { prompt_list: prompts },
        });

        let acknowledged = 0;
        let interruptions = 0;
        const history: string[] = [];
        for (let kill = 0; kill < KILLS; kill++) {
          // A random point in this kill's share of what is left to do.
          const from = acknowledged;
          const left = PROMPTS - from;
          const target = Math.min(PROMPTS - 150, from + Math.max(10, Math.floor(left * (0.1 + 0.3 * random()))));
          await waitFor(
            `results to reach ${target}`,
            async () => {
              const { total } = await connection.request('results/list', {
                execution_id: executionId,
                limit: 1,
              });
              assert.ok(total >= acknowledged, `results went down from ${acknowledged} to ${total}`);
              acknowledged = total;
              return total >= target ? true : undefined;
            },
            60_000,
          );
          connection.close();
          await current.kill9();
          history.push(`kill ${kill + 1} at ≥${acknowledged} acknowledged`);

          current = await DaemonHarness.start({ reuse: first });
          restarted.push(current);
          connection = await current.connect('crashy');
          const after = await connection.request('executions/get', { execution_id: executionId });
          // On a loaded machine the run may, rarely, finish between the last look and the kill landing.
          if (after.status === 'completed') {
            history.push(`run completed before kill ${kill + 1} landed`);
            break;
          }
          assert.equal(after.status, 'interrupted', `after kill ${kill + 1}`);
          interruptions += 1;
          const { total, items } = await allResults(connection, executionId);
          history.push(`restart ${kill + 1}: ${total} stored, progress ${after.progress.completed}`);
          assert.ok(
            total >= acknowledged,
            `kill ${kill + 1}: ${acknowledged} acknowledged but only ${total} stored after restart (${history.join('; ')})`,
          );
          assert.ok(
            after.progress.completed >= acknowledged,
            `progress ${after.progress.completed} < acknowledged ${acknowledged}`,
          );
          const originals = items.map((item) => item.request.original_value);
          assert.equal(new Set(originals).size, originals.length, `a prompt stored twice after kill ${kill + 1}`);
          acknowledged = total;
          await connection.request('executions/resume', { execution_id: executionId });
        }

        // The final resume (the loop leaves the run interrupted after the last kill).
        assert.ok(interruptions >= 1, `no kill landed mid-run: ${history.join('; ')}`);
        const beforeFinal = await connection.request('executions/get', { execution_id: executionId });
        if (beforeFinal.status === 'interrupted')
          await connection.request('executions/resume', { execution_id: executionId });
        const done = await waitForEnd(connection, executionId, 120_000);
        assert.equal(done.status, 'completed', `${done.error ?? ''} (${history.join('; ')})`);
        assert.equal(done.progress.completed, PROMPTS);
        assert.equal(done.progress.errors, 0);
        const { total, items } = await allResults(connection, executionId);
        assert.equal(total, PROMPTS, 'one conversation per prompt');
        assert.equal(items.length, PROMPTS);
        const counts = new Map<string, number>();
        for (const item of items)
          counts.set(item.request.original_value, (counts.get(item.request.original_value) ?? 0) + 1);
        assert.deepEqual([...counts.keys()].sort(), [...prompts].sort(), 'every prompt is there');
        assert.ok(
          [...counts.values()].every((count) => count === 1),
          'each prompt answered exactly once',
        );
        assert.ok(
          items.every(
            (item) =>
              item.response?.response_error === 'none' &&
              item.response.converted_value === `ok: ${item.request.converted_value}`,
          ),
          'every prompt has its answer',
        );
        // Exactly one attack result per prompt, each judging the answer the list shows (written in its transaction).
        assert.equal(new Set(items.map((item) => item.attack_result_id)).size, PROMPTS);
        assert.deepEqual(
          [...new Set(items.map((item) => item.prompt_index))].sort((a, b) => a - b),
          prompts.map((_, index) => index),
        );
        assert.ok(
          items.every(
            (item) =>
              item.outcome === 'success' &&
              item.executed_turns === 1 &&
              item.scores.length === 1 &&
              item.scores[0]?.score_value === 'True',
          ),
          'every answer scored and judged with it (the substring "ok" is in each answer)',
        );
        connection.close();
        console.log(`kill -9 fault run (seed ${SEED}): ${history.join('; ')}`);
      } finally {
        for (const daemon of restarted.reverse()) await daemon.stop({ keepFiles: true });
        await first.stop();
      }
    },
  );
});
