import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { DaemonConnection, DaemonError, DaemonRefused } from '../../../client/daemonConnection';
import { ErrorCode } from '../../../protocol/errors';
import { OlderDaemonLink, refusedMajor } from '../../../extension/daemonProcess/olderDaemonLink';
import {
  REPLACE_NOW,
  replaceOlderDaemon,
  WAIT_FOR_RUNS,
  type OlderDaemonLinkLike,
  type ReplaceDependencies,
} from '../../../extension/daemonProcess/replaceOlderDaemon';
import type { RunningExecution } from '../../../extension/daemonProcess/olderDaemonLink';

test('the major of a daemon that refuses this client is read from its refusal', () => {
  const handshake = new DaemonRefused(400, 'Ask for the WebSocket subprotocol vutf.v1 (Sec-WebSocket-Protocol).');
  assert.equal(refusedMajor(handshake), 1);
  const initialize = new DaemonError(ErrorCode.ProtocolVersionMismatch, 'mismatch', {
    daemon_protocol_version: '3.1',
    client_protocol_version: '2.0',
  });
  assert.equal(refusedMajor(initialize), 3);
  for (const other of [
    new DaemonRefused(401, 'token rejected'),
    new DaemonRefused(400, 'something else'),
    new DaemonError(ErrorCode.ProtocolVersionMismatch, 'mismatch', null),
    new DaemonError(ErrorCode.MethodNotFound, 'nope', { daemon_protocol_version: '1.0' }),
    new Error('ECONNREFUSED'),
  ])
    assert.equal(refusedMajor(other), undefined, other.message);
});

/** A daemon of protocol 1.0 as far as this extension asks anything of it: handshake, initialize, list, shutdown. */
class FakeV1Daemon {
  readonly calls: { method: string; params: unknown }[] = [];
  running: { execution_id: string; orchestrator_name: string; status: string }[] = [];
  private readonly server = http.createServer();
  private readonly wss = new WebSocketServer({ noServer: true });

  async start(): Promise<number> {
    this.server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const asked = String(request.headers['sec-websocket-protocol'] ?? '').split(/\s*,\s*/);
      if (!asked.includes('vutf.v1')) {
        // What a 1.x daemon answers a client of another major (daemon/server of that version).
        const body = 'Ask for the WebSocket subprotocol vutf.v1 (Sec-WebSocket-Protocol).\n';
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.serve(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  private serve(ws: WebSocket): void {
    ws.on('message', (data) => {
      const request = JSON.parse(String(data)) as { id: number; method: string; params?: unknown };
      this.calls.push({ method: request.method, params: request.params });
      const answer = (result: unknown): void => ws.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result }));
      switch (request.method) {
        case 'initialize':
          return answer({ protocol_version: '1.0', daemon: { version: '0.1.0', pid: 1, started_at: 'x' }, user: {} });
        case 'executions/list':
          return answer({ executions: this.running });
        case 'daemon/shutdown':
          return answer({ stopping: true });
        default:
          ws.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'not found' } }));
      }
    });
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const daemon = new FakeV1Daemon();
let port = 0;
before(async () => {
  port = await daemon.start();
});
after(() => daemon.stop());

test("this client, refused by a 1.x daemon, learns that daemon's major", async () => {
  const refusal = await DaemonConnection.connect({
    port,
    token: 't',
    client: { name: 'test', version: '0' },
    timeoutMs: 5000,
  }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(refusal instanceof DaemonRefused, String(refusal));
  assert.equal(refusedMajor(refusal), 1);
});

test("the older daemon's link speaks its protocol: subprotocol vutf.v1, initialize 1.0, list, shutdown", async () => {
  daemon.calls.length = 0;
  daemon.running = [
    { execution_id: 'e1', orchestrator_name: 'slow echo', status: 'running' },
    { execution_id: 'e2', orchestrator_name: 'done', status: 'completed' },
  ];
  const link = await OlderDaemonLink.open({
    port,
    token: 't',
    major: 1,
    client: { name: 'vscode', version: '0.2.0' },
    timeoutMs: 5000,
  });
  try {
    assert.deepEqual(await link.runningExecutions(), [{ execution_id: 'e1', orchestrator_name: 'slow echo' }]);
    await link.shutdown();
  } finally {
    link.close();
  }
  assert.deepEqual(daemon.calls, [
    { method: 'initialize', params: { protocol_version: '1.0', client: { name: 'vscode', version: '0.2.0' } } },
    { method: 'executions/list', params: { status: 'running', limit: 1000 } },
    { method: 'daemon/shutdown', params: undefined },
  ]);
});

/** The replacement's surroundings, recorded. */
function surroundings(runs: RunningExecution[][], choice: typeof REPLACE_NOW | typeof WAIT_FOR_RUNS) {
  const events: string[] = [];
  let polls = 0;
  const link: OlderDaemonLinkLike = {
    runningExecutions: () => Promise.resolve(runs[Math.min(polls++, runs.length - 1)] ?? []),
    shutdown: () => {
      events.push('shutdown');
      return Promise.resolve();
    },
    close: () => events.push('close'),
  };
  const deps: ReplaceDependencies = {
    major: 1,
    open: () => Promise.resolve(link),
    notify: (message) => events.push(`notify: ${message}`),
    ask: (message) => {
      events.push(`ask: ${message}`);
      return Promise.resolve(choice);
    },
    waiting: (reason) => events.push(`waiting: ${reason}`),
    waitForExit: () => {
      events.push('exited');
      return Promise.resolve();
    },
    gone: () => false,
    cancelled: () => false,
    sleep: () => Promise.resolve(),
    log: { info: () => {}, warn: () => {} },
  };
  return { events, deps };
}

const RUN = { execution_id: 'e1', orchestrator_name: 'slow echo' };

test('an older daemon with nothing running is replaced after telling the user, without asking', async () => {
  const { events, deps } = surroundings([[]], REPLACE_NOW);
  assert.equal(await replaceOlderDaemon(deps), true);
  assert.equal(events.length, 4, events.join('\n'));
  assert.match(events[0] ?? '', /^notify: .*older version \(protocol 1\).*replacing it/);
  assert.deepEqual(events.slice(1), ['shutdown', 'close', 'exited']);
});

test('with runs going the user is asked; "Replace now" stops it at once', async () => {
  const { events, deps } = surroundings([[RUN]], REPLACE_NOW);
  assert.equal(await replaceOlderDaemon(deps), true);
  assert.match(events[0] ?? '', /^ask: .*older version \(protocol 1\) with 1 run going: "slow echo"/);
  assert.deepEqual(events.slice(1), ['shutdown', 'close', 'exited']);
});

test('"Wait until they end" polls until no run is going, then replaces it', async () => {
  const { events, deps } = surroundings([[RUN, RUN], [RUN], []], WAIT_FOR_RUNS);
  assert.equal(await replaceOlderDaemon(deps), true);
  assert.deepEqual(events.slice(1), [
    'waiting: waiting for 2 runs of the older daemon to end',
    'waiting: waiting for 1 run of the older daemon to end',
    'shutdown',
    'close',
    'exited',
  ]);
});

test('waiting stops when the window closes, and ends when the old daemon went away by itself', async () => {
  const closing = surroundings([[RUN]], WAIT_FOR_RUNS);
  closing.deps.cancelled = () => true;
  assert.equal(await replaceOlderDaemon(closing.deps), false);
  assert.ok(!closing.events.includes('shutdown'));
  const gone = surroundings([[RUN]], WAIT_FOR_RUNS);
  gone.deps.gone = () => true;
  assert.equal(await replaceOlderDaemon(gone.deps), true);
  assert.ok(!gone.events.includes('shutdown'), 'nothing to shut down');
});
