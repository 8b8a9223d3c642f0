import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DaemonHarness } from '../helpers/daemonHarness';
import type { DaemonConnection } from '../../client/daemonConnection';
import { allResults, waitForEnd } from './faultKit';

/**
 * Target faults not covered by test/daemon/remoteTargets.test.ts (429/500/reset/timeout at 30%): a body that
 * streams slowly past timeout_s, and a `process` target that crashes on every call or at once. Each must end as
 * stored failures in a completed run.
 */

interface SlowServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** Answers 200 with headers at once, then trickles the JSON body a byte every 200 ms for up to 20 s. */
async function startSlowBodyServer(): Promise<SlowServer> {
  const timers = new Set<NodeJS.Timeout>();
  const state = { requests: 0 };
  const server = http.createServer((request, response) => {
    state.requests += 1;
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(
      '{"id":"slow","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"',
    );
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed || sent++ > 100) {
        clearInterval(timer);
        timers.delete(timer);
        if (!response.destroyed) response.end('"}}]}');
        return;
      }
      response.write('z');
    }, 200);
    timers.add(timer);
    response.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    get requests() {
      return state.requests;
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('target faults (real daemon)', () => {
  let daemon: DaemonHarness;
  let connection: DaemonConnection;
  let slow: SlowServer;
  before(async () => {
    slow = await startSlowBodyServer();
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('faulty');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await slow.close();
  });

  it(
    'stores a failure for a body that streams slower than timeout_s, and the run ends as failed',
    { timeout: 60_000 },
    async () => {
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'slow body',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: { type: 'openai_chat', endpoint: slow.url, model: 'slow', timeout_s: 1, max_retries: 1 },
          batch_size: 4,
        },
      });
      const prompts = ['slow one', 'slow two', 'slow three', 'slow four', 'slow five'];
      const { execution_id: executionId } = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: prompts },
      });
      const done = await waitForEnd(connection, executionId, 45_000);
      // Every prompt stored as an error: the run is failed, not green.
      assert.equal(done.status, 'failed');
      assert.deepEqual(done.progress, { completed: prompts.length, total: prompts.length, errors: prompts.length });
      const { items } = await allResults(connection, executionId);
      assert.equal(items.length, prompts.length);
      // The body would take 20 s: timeout_s must have cut off each prompt, its retry included.
      for (const item of items) {
        assert.notEqual(item.response, null, JSON.stringify(item));
        assert.equal(item.response?.response_error, 'unknown');
        assert.match(
          item.response?.converted_value ?? '',
          /^No answer within 1 s \(timeout_s\)\. Gave up after 2 attempts\.$/,
        );
      }
      assert.ok(slow.requests >= prompts.length, 'every prompt reached the server');
      assert.equal((await connection.request('health/get')).status, 'healthy');
    },
  );

  const crashers: { name: string; script: string }[] = [
    { name: 'crashes on every call', script: "process.stdin.once('data', () => process.exit(3));" },
    { name: 'crashes as soon as it starts', script: 'process.exit(1);' },
    {
      name: 'writes garbage, then crashes',
      script:
        "process.stdin.once('data', () => { process.stdout.write('not json\\n'); process.kill(process.pid, 'SIGKILL'); });",
    },
  ];

  for (const crasher of crashers) {
    it(
      `stores an error for every prompt when a process target ${crasher.name}, and the run ends as failed`,
      { timeout: 60_000 },
      async () => {
        const orchestrator = await connection.request('orchestrators/create', {
          name: `crasher: ${crasher.name}`,
          orchestrator_type: 'prompt_sending',
          parameters: {
            objective_target: {
              type: 'process',
              command: process.execPath,
              args: ['-e', crasher.script],
              timeout_s: 5,
              max_retries: 1,
            },
            batch_size: 3,
          },
        });
        const prompts = Array.from({ length: 7 }, (_, index) => `crash prompt ${index}`);
        const { execution_id: executionId } = await connection.request('executions/start', {
          orchestrator_id: orchestrator.id,
          execution_type: 'prompt_list',
          input_data: { prompt_list: prompts },
        });
        const done = await waitForEnd(connection, executionId, 50_000);
        assert.equal(done.status, 'failed');
        assert.match(done.error ?? '', /Every one of the 7 prompts errored/);
        assert.deepEqual(done.progress, { completed: prompts.length, total: prompts.length, errors: prompts.length });
        const { items } = await allResults(connection, executionId);
        assert.equal(items.length, prompts.length);
        for (const item of items) {
          assert.ok(item.response !== null && item.response.response_error !== 'none', JSON.stringify(item));
          assert.equal(item.outcome, 'error');
        }
        assert.ok(daemon.alive);
        assert.equal((await connection.request('health/get')).status, 'healthy');
      },
    );
  }
});
