import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness } from '../helpers/daemonHarness';

describe('daemon start (real process)', () => {
  it('does not load DuckDB until the first request that opens a memory file', { timeout: 60_000 }, async () => {
    const daemon = await DaemonHarness.start();
    try {
      const connection = await daemon.connect('carol');
      // Health and debug info only stat the file: a daemon that has served them has still not loaded DuckDB.
      await connection.request('health/get');
      const before = await connection.request('debug/info');
      assert.equal(before.daemon.duckdb_loaded, false);
      assert.equal(before.daemon.memory_thread_id, null, 'nor started the memory thread');
      assert.equal(before.database.state, 'closed');
      await connection.request('orchestrators/list');
      const after = await connection.request('debug/info');
      assert.equal(after.daemon.duckdb_loaded, true);
      // The file is open on the memory thread, a worker: the main thread (id 0) keeps the sockets.
      assert.equal(typeof after.daemon.memory_thread_id, 'number');
      assert.notEqual(after.daemon.memory_thread_id, 0);
      assert.equal(after.database.state, 'open');
      connection.close();
    } finally {
      await daemon.stop();
    }
  });
});
