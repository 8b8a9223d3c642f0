import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { DaemonConnection } from '../../client/daemonConnection';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { openRawSockets, type RawSocket } from '../helpers/rawWebSocket';

/**
 * A local process opening connections until the daemon runs out of file descriptors. Before the caps, every idle
 * socket held a descriptor for ever; at the limit (`ulimit -n`, 20,000 on the test machine)
 * `process.memoryUsage.rss()` threw EMFILE inside the health timer and the daemon died, leaving its discovery
 * file behind. The daemon's descriptors are read from /proc (these suites run on Linux).
 */

const FLOOD = 5000;
const DEFAULT_MAX_UNAUTHENTICATED = 256;
/** Descriptors a daemon holds with no client at all: stdio, epoll, the listener, libuv's, DuckDB's. */
const BASELINE_SLACK = 100;

function openDescriptors(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

function destroyAll(sockets: RawSocket[]): void {
  for (const socket of sockets) socket.destroy();
}

describe('connection flood (real daemon, default caps)', { timeout: 300_000 }, () => {
  let daemon: DaemonHarness;
  before(async () => {
    daemon = await DaemonHarness.start();
  });
  after(() => daemon.stop());

  it(`with ${FLOOD} idle sockets open, serves an authenticated client and holds at most the cap of them`, async () => {
    const flood = await openRawSockets(daemon.port, FLOOD);
    try {
      // Connections are accepted in the order they arrived, so once this client is served every one of the flood
      // has been accepted (and the oldest closed to make room).
      const connection = await daemon.connect('alice');
      try {
        assert.equal((await connection.request('health/get')).status, 'healthy');
      } finally {
        connection.close();
      }
      assert.ok(daemon.alive, 'daemon still running');
      const held = openDescriptors(daemon.pid);
      assert.ok(
        held <= DEFAULT_MAX_UNAUTHENTICATED + BASELINE_SLACK,
        `the daemon holds ${held} descriptors with ${FLOOD} idle sockets open`,
      );
      await waitFor('the flood beyond the cap to be closed', () =>
        flood.filter((socket) => !socket.open).length >= FLOOD - DEFAULT_MAX_UNAUTHENTICATED ? true : undefined,
      );
      const refused = flood.filter((socket) => !socket.open);
      assert.ok(
        refused.every((socket) => socket.status === 503 || socket.received === ''),
        'each closed with 503 (or a bare close)',
      );
    } finally {
      destroyAll(flood);
    }
  });
});

describe(
  'file descriptors exhausted (real daemon, caps lifted, `prlimit` lowers its limit)',
  { timeout: 300_000 },
  () => {
    let daemon: DaemonHarness;
    before(async () => {
      daemon = await DaemonHarness.start({
        // No cap to stop the flood first: this is the daemon at its descriptor limit, whatever the limit is.
        env: { VUTF_MAX_UNAUTHENTICATED_CONNECTIONS: '1000000', VUTF_HANDSHAKE_TIMEOUT_S: '600' },
      });
    });
    after(() => daemon.stop());

    it('answers health/get while it cannot open a file, and serves new clients once the flood ends', async () => {
      const client: DaemonConnection = await daemon.connect('alice');
      const limit = openDescriptors(daemon.pid) + 40;
      const lowered = spawnSync('prlimit', [`--pid=${daemon.pid}`, `--nofile=${limit}:${limit}`], { encoding: 'utf8' });
      assert.equal(lowered.status, 0, `prlimit (util-linux) could not lower the daemon's limit: ${lowered.stderr}`);
      const flood = await openRawSockets(daemon.port, limit * 2);
      try {
        // health/get reads the daemon's RSS from /proc, which needs a descriptor: each answer below is given at the
        // limit. The log line says the daemon met EMFILE there (and carried on), so the limit was really reached.
        await waitFor(
          'the daemon to meet EMFILE',
          async () => {
            const health = await client.request('health/get');
            assert.equal(health.status, 'healthy');
            return daemon.output.join('').includes("could not read the daemon's memory use (EMFILE") ? true : undefined;
          },
          60_000,
        );
        assert.ok(daemon.alive, 'daemon still running at its descriptor limit');
      } finally {
        destroyAll(flood);
        client.close();
      }
      await waitFor('a new client once descriptors are free', async () => {
        try {
          const connection = await daemon.connect('bob');
          connection.close();
          return true;
        } catch {
          return undefined;
        }
      });
      assert.ok(daemon.alive, 'daemon still running after the flood');
    });
  },
);
