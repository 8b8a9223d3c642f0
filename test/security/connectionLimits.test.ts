import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { DaemonConnection } from '../../client/daemonConnection';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { RawSocket, rawUpgrade, upgradeHeaders } from '../helpers/rawWebSocket';

/**
 * Connections that hold the daemon's sockets without ever becoming clients, and clients beyond what one daemon
 * serves. Each is answered or closed before a frame is read: a socket that has not finished its handshake by the
 * handshake timeout is closed; at most VUTF_MAX_UNAUTHENTICATED_CONNECTIONS wait for theirs (a newcomer closes the
 * oldest, so a flood of idle sockets cannot lock real clients out); an upgrade past VUTF_MAX_CONNECTIONS is
 * refused with 503, past VUTF_MAX_CONNECTIONS_PER_USER with 429. No assertion here is about time: each waits for a
 * close or an answer.
 */

const SHUTDOWN = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon/shutdown' });
/** Far longer than any close the daemon owes: a hang guard, never the thing measured. */
const HANG_GUARD_MS = 30_000;

function closedWithin(socket: RawSocket, what: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was never closed; got: ${socket.received}`)), HANG_GUARD_MS);
  });
  return Promise.race([socket.closed, hang]).finally(() => clearTimeout(timer));
}

async function servesHealth(daemon: DaemonHarness, username: string): Promise<void> {
  const connection = await daemon.connect(username);
  try {
    assert.equal((await connection.request('health/get')).status, 'healthy');
  } finally {
    connection.close();
  }
}

describe('handshake timeout (real daemon, VUTF_HANDSHAKE_TIMEOUT_S=0.5)', () => {
  let daemon: DaemonHarness;
  before(async () => {
    daemon = await DaemonHarness.start({ env: { VUTF_HANDSHAKE_TIMEOUT_S: '0.5' } });
  });
  after(() => daemon.stop());

  it('closes a connection that never sends a byte', async () => {
    const idle = await RawSocket.open(daemon.port);
    await closedWithin(idle, 'an idle connection');
    assert.ok(daemon.alive);
  });

  it('closes an upgrade whose headers dribble in a byte at a time and never end', async () => {
    const socket = await RawSocket.open(daemon.port);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${daemon.port}\r\nUpgrade: websocket\r\n`);
    // Slowloris: always one more header byte, never the blank line; each write would reset an idle timeout.
    const dribble = setInterval(() => socket.write('X'), 50);
    try {
      await closedWithin(socket, 'a dribbling upgrade');
    } finally {
      clearInterval(dribble);
    }
  });

  it('closes a plain HTTP request (GET /health) that dribbles', async () => {
    const socket = await RawSocket.open(daemon.port);
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${daemon.port}\r\nX-Slow: `);
    const dribble = setInterval(() => socket.write('a'), 50);
    try {
      await closedWithin(socket, 'a dribbling HTTP request');
    } finally {
      clearInterval(dribble);
    }
  });

  it('keeps an authenticated client past the timeout that closed an idle socket opened after it', async () => {
    const connection = await daemon.connect('alice');
    try {
      const idle = await RawSocket.open(daemon.port);
      await closedWithin(idle, 'an idle connection');
      assert.equal((await connection.request('health/get')).status, 'healthy');
    } finally {
      connection.close();
    }
  });
});

describe('connection caps (real daemon: 4 unauthenticated, 3 clients, 2 per user)', () => {
  let daemon: DaemonHarness;
  before(async () => {
    daemon = await DaemonHarness.start({
      env: {
        // Long enough that no socket here is closed by the timeout: every close below is a cap's.
        VUTF_HANDSHAKE_TIMEOUT_S: '600',
        VUTF_MAX_UNAUTHENTICATED_CONNECTIONS: '4',
        VUTF_MAX_CONNECTIONS: '3',
        VUTF_MAX_CONNECTIONS_PER_USER: '2',
      },
    });
  });
  after(() => daemon.stop());

  /** An upgrade with a valid token for `username`, a daemon/shutdown pipelined behind it unless told otherwise. */
  const upgradeAs = (username: string, pipelined: string | undefined = SHUTDOWN) =>
    rawUpgrade(
      daemon.port,
      upgradeHeaders(daemon.port, {
        Authorization: `Bearer ${daemon.token(username)}`,
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      }),
      pipelined,
    );

  /** Clients of an earlier test count until the daemon has seen them go: each test starts from none. */
  const noClientsLeft = () => {
    const count = (pattern: RegExp) => daemon.output.join('').match(pattern)?.length ?? 0;
    return waitFor('every earlier client to be gone', () =>
      count(/ connected as /g) === count(/\) disconnected \(/g) ? true : undefined,
    );
  };

  it('with every unauthenticated slot held by idle sockets, a client still connects: the oldest idle one gets 503', async () => {
    const idle: RawSocket[] = [];
    // One at a time, so the daemon accepts them in this order and idle[0] is the oldest.
    for (let i = 0; i < 4; i++) idle.push(await RawSocket.open(daemon.port));
    try {
      await servesHealth(daemon, 'dave');
      await closedWithin(idle[0], 'the oldest idle connection');
      assert.equal(idle[0].status, 503, idle[0].received);
      assert.match(idle[0].received, /waiting to authenticate/);
      assert.ok(
        idle.slice(1).every((socket) => socket.open),
        'only the oldest made room',
      );
      await waitFor('the refusal in the log', () => daemon.output.join('').includes('unauthenticated'));
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it('refuses a third connection of one user with 429, before any JSON-RPC, and serves another user', async () => {
    await noClientsLeft();
    const held: DaemonConnection[] = [await daemon.connect('alice'), await daemon.connect('alice')];
    try {
      const third = await upgradeAs('alice');
      assert.equal(third.status, 429, third.response);
      assert.match(third.response, /alice already has 2 connections/);
      assert.doesNotMatch(third.response, /"result"/);
      assert.ok(daemon.alive, 'the daemon/shutdown pipelined behind the refused upgrade did not run');
      await servesHealth(daemon, 'bob');
    } finally {
      for (const connection of held) connection.close();
    }
  });

  it('refuses the fourth client of the daemon with 503, then serves one again once a client leaves', async () => {
    await noClientsLeft();
    const held: DaemonConnection[] = [
      await daemon.connect('alice'),
      await daemon.connect('bob'),
      await daemon.connect('carol'),
    ];
    try {
      const fourth = await upgradeAs('erin');
      assert.equal(fourth.status, 503, fourth.response);
      assert.match(fourth.response, /at most 3 clients/);
      assert.ok(daemon.alive, 'the daemon/shutdown pipelined behind the refused upgrade did not run');
      held.pop()?.close();
      // The slot frees when the daemon has seen the close; until then the answer is still 503.
      await waitFor('a free slot', async () =>
        (await upgradeAs('erin', undefined)).status === 101 ? true : undefined,
      );
    } finally {
      for (const connection of held) connection.close();
    }
  });
});
