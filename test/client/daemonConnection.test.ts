// What a client of the daemon sees when the daemon dies with a request in flight: the request fails, it does not
// wait forever (a view's refresh queued behind it would have waited with it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness } from '../helpers/daemonHarness';

describe('DaemonConnection (real daemon)', () => {
  it('rejects a request in flight when the daemon dies', { timeout: 60_000 }, async () => {
    const daemon = await DaemonHarness.start();
    try {
      const connection = await daemon.connect('alice');
      await connection.request('health/get');
      // Stopped, the daemon reads nothing: the request is surely in flight when it is killed.
      process.kill(daemon.pid, 'SIGSTOP');
      const failed = assert.rejects(
        connection.request('orchestrators/list'),
        (error: unknown) => error instanceof Error,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await daemon.kill9();
      await failed;
      assert.equal(connection.isOpen, false);
    } finally {
      await daemon.stop();
    }
  });
});
