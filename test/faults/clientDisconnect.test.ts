import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { RawRpcClient } from '../fuzz/rawRpcClient';
import { allResults, waitForEnd } from './faultKit';

/**
 * A client that sends executions/start and is gone before the answer: the run still happens and completes, the
 * daemon stays healthy, and a second client sees it. Also a client killed (TCP reset, no close frame) while a
 * run it started is going.
 */
describe('clients that disconnect mid-request (real daemon)', () => {
  it(
    'completes a run whose launching client closed right after sending executions/start',
    { timeout: 90_000 },
    async () => {
      const daemon = await DaemonHarness.start();
      try {
        const observer = await daemon.connect('leaver');
        const orchestrator = await observer.request('orchestrators/create', {
          name: 'left behind',
          orchestrator_type: 'prompt_sending',
          parameters: { objective_target: { type: 'echo', delay_ms: 5 }, batch_size: 4 },
        });
        const prompts = Array.from({ length: 60 }, (_, index) => `abandoned prompt ${index}`);

        // 1. A clean close (close frame) straight after the request.
        const polite = await RawRpcClient.open(daemon.port, daemon.token('leaver'));
        assert.ok(
          (await polite.call('initialize', { protocol_version: '2.0', client: { name: 'leaver', version: '0' } }))
            .result,
        );
        polite.sendText(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 7,
            method: 'executions/start',
            params: {
              orchestrator_id: orchestrator.id,
              execution_type: 'prompt_list',
              input_data: { prompt_list: prompts },
            },
          }),
        );
        await polite.close();

        // 2. A hard drop (TCP reset, no close frame) straight after the request.
        const rude = await RawRpcClient.open(daemon.port, daemon.token('leaver'));
        assert.ok(
          (await rude.call('initialize', { protocol_version: '2.0', client: { name: 'rude', version: '0' } })).result,
        );
        rude.sendText(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 8,
            method: 'executions/start',
            params: {
              orchestrator_id: orchestrator.id,
              execution_type: 'prompt_list',
              input_data: { prompt_list: prompts.map((prompt) => `${prompt} (rude)`) },
            },
          }),
        );
        rude.socket.terminate();

        const executions = await waitFor(
          'both launches to be recorded',
          async () => {
            const { executions: listed } = await observer.request('executions/list', {
              orchestrator_id: orchestrator.id,
            });
            return listed.length >= 2 ? listed : undefined;
          },
          20_000,
        );
        assert.equal(executions.length, 2, 'each start ran once, no more');
        for (const execution of executions) {
          const done = await waitForEnd(observer, execution.execution_id, 60_000);
          assert.equal(done.status, 'completed', done.error ?? '');
          assert.deepEqual(done.progress, { completed: prompts.length, total: prompts.length, errors: 0 });
          const { total } = await allResults(observer, execution.execution_id);
          assert.equal(total, prompts.length);
        }
        const health = await observer.request('health/get');
        assert.equal(health.status, 'healthy');
        assert.equal(health.daemon.clients, 1, 'the departed clients are gone from the registry');
        assert.ok(daemon.alive);
        observer.close();
      } finally {
        await daemon.stop();
      }
    },
  );

  it(
    'keeps running a launched run when its client is killed mid-run, and serves a new client',
    { timeout: 90_000 },
    async () => {
      const daemon = await DaemonHarness.start();
      try {
        const first = await daemon.connect('dropper');
        const orchestrator = await first.request('orchestrators/create', {
          name: 'dropped',
          orchestrator_type: 'prompt_sending',
          // 40 prompts, 2 at a time, 50 ms each: about a second, so the client surely leaves mid-run.
          parameters: { objective_target: { type: 'echo', delay_ms: 50 }, batch_size: 2 },
        });
        const prompts = Array.from({ length: 40 }, (_, index) => `dropped prompt ${index}`);
        const { execution_id: executionId } = await first.request('executions/start', {
          orchestrator_id: orchestrator.id,
          execution_type: 'prompt_list',
          input_data: { prompt_list: prompts },
        });
        // Otherwise the test would prove nothing about a run outliving its client.
        const during = await first.request('executions/get', { execution_id: executionId });
        assert.equal(during.status, 'running', `the run was already ${during.status} when its client left`);
        // A request in flight when the client vanishes.
        const pending = first.request('results/list', { execution_id: executionId, limit: 500 }).catch(() => undefined);
        first.close();
        await pending;
        const second = await daemon.connect('dropper');
        const done = await waitForEnd(second, executionId, 60_000);
        assert.equal(done.status, 'completed', done.error ?? '');
        assert.equal(done.progress.completed, prompts.length);
        assert.equal((await second.request('health/get')).status, 'healthy');
        second.close();
      } finally {
        await daemon.stop();
      }
    },
  );
});
