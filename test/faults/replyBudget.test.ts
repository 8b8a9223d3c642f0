import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import type { DaemonConnection } from '../../client/daemonConnection';

/**
 * The daemon's budget of reply bytes in flight (VUTF_MAX_INFLIGHT_REPLY_MIB, issue 13, item 8), here 1 MiB: while
 * one reply holds it, a second reply waits unread, so its server cannot get the body out. The first reply is held
 * open until the second is out, or for a few seconds; then it ends. The second must come out only after that.
 */
const SECOND_BODY = 24 * 1024 * 1024;
const HOLD_MS = 3000;

interface OrderedModel {
  url: string;
  events: string[];
  close(): Promise<void>;
}

async function startOrderedModel(): Promise<OrderedModel> {
  const events: string[] = [];
  const completion = (content: string): string =>
    JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
  let secondOut: () => void = () => undefined;
  const secondWritten = new Promise<void>((resolve) => (secondOut = resolve));
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    const index = requests++;
    response.on('error', () => undefined);
    if (index === 0) {
      // No Content-Length: the reply may grow to the cap, so it reserves the whole (small) budget.
      response.writeHead(200, { 'content-type': 'application/json' });
      const body = completion('first');
      response.write(body.slice(0, 10));
      const timer = setTimeout(() => secondOut(), HOLD_MS);
      timers.add(timer);
      void secondWritten.then(() => {
        clearTimeout(timer);
        events.push('first ended');
        response.end(body.slice(10));
      });
      return;
    }
    // Answered after the first has had time to take the budget.
    const timer = setTimeout(() => {
      const body = completion('b'.repeat(SECOND_BODY));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body, () => {
        events.push('second out');
        secondOut();
      });
    }, 300);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    events,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('reply bytes in flight (real daemon, VUTF_MAX_INFLIGHT_REPLY_MIB=1)', () => {
  let daemon: DaemonHarness;
  let model: OrderedModel;
  let connection: DaemonConnection;
  before(async () => {
    model = await startOrderedModel();
    daemon = await DaemonHarness.start({ env: { VUTF_MAX_INFLIGHT_REPLY_MIB: '1' } });
    connection = await daemon.connect('budgeted');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('leaves a second reply unread while the first holds the budget', { timeout: 60_000 }, async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'budgeted',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: {
          type: 'openai_chat',
          endpoint: model.url,
          model: 'm',
          max_retries: 0,
          max_response_bytes: 32 * 1024 * 1024,
        },
        batch_size: 2,
      },
    });
    const ended = await runToEnd(connection, orchestrator.id, ['first', 'second']);
    assert.equal(ended.status, 'completed');
    assert.deepEqual(model.events, ['first ended', 'second out']);
  });
});
