import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { DomainError } from '../../domain/errors';
import { createManager, queryFile, runFixture, tempDir } from './memoryTestKit';
import { prlimit } from '../helpers/requirement';

// The invalidation test limits the fixture's file size with prlimit: skip saying what to install, or under CI fail.
const prlimitTool = prlimit();

async function crashLeavingWal(dbPath: string, exchanges: number): Promise<void> {
  const writer = runFixture('crashWithWal', [dbPath, String(exchanges)]);
  await writer.waitForLine((line) => line === 'committed', 60_000);
  const exit = await writer.exited;
  assert.equal(exit.signal, 'SIGKILL', writer.stderr());
  assert.ok(fs.statSync(`${dbPath}.wal`).size > 10_000, 'the writes are still only in the WAL');
}

function countPieces(dbPath: string): Promise<number> {
  return queryFile(dbPath, 'SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"').then((rows) =>
    Number(rows[0].n),
  );
}

describe('WAL recovery', () => {
  it('replays the WAL of a crashed daemon on the next open', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('wal-replay');
    const dbPath = path.join(dir, 'user.db');
    try {
      await crashLeavingWal(dbPath, 40);
      const { manager } = createManager();
      await new MemoryStore(manager, dbPath).listOrchestrators();
      await manager.closeAll();
      assert.equal(await countPieces(dbPath), 80);
    } finally {
      cleanup();
    }
  });

  it(
    'copies an unreplayable WAL and its database to quarantine/, deletes nothing, and says where',
    { timeout: 60_000 },
    async () => {
      const { dir, cleanup } = tempDir('wal-corrupt');
      const dbPath = path.join(dir, 'user.db');
      try {
        await crashLeavingWal(dbPath, 40);
        // Corrupt the middle of the log: DuckDB's per-entry checksum then fails during replay. (A torn tail
        // is not corruption — DuckDB drops an incomplete last entry by design.)
        const wal = fs.readFileSync(`${dbPath}.wal`);
        for (let offset = 0; offset < 32; offset++) wal[Math.floor(wal.length / 2) + offset] ^= 0xff;
        fs.writeFileSync(`${dbPath}.wal`, wal);
        const originalDb = fs.readFileSync(dbPath);

        const { manager } = createManager({ maxRetries: 2 });
        const store = new MemoryStore(manager, dbPath);
        const error = await store.listOrchestrators().then(
          () => assert.fail('a corrupt WAL must not be silently skipped'),
          (caught: unknown) => caught,
        );
        assert.ok(error instanceof DomainError, String(error));
        assert.equal(error.kind, 'DatabaseUnavailable');
        assert.equal(error.data?.reason, 'wal_replay_failed');
        const folder = String(error.data?.quarantine);
        assert.equal(path.dirname(folder), path.join(dir, 'quarantine'));
        assert.match(path.basename(folder), /^user\.db-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
        assert.ok(error.message.includes(folder), 'the message says where the copies are');
        assert.match(error.message, /nothing was deleted/);

        // Copies are byte-identical; the originals are where they were, untouched.
        assert.deepEqual(fs.readFileSync(path.join(folder, 'user.db')), originalDb);
        assert.deepEqual(fs.readFileSync(path.join(folder, 'user.db.wal')), wal);
        assert.deepEqual(fs.readFileSync(dbPath), originalDb);
        assert.deepEqual(fs.readFileSync(`${dbPath}.wal`), wal);

        const stats = manager.stats(dbPath);
        assert.equal(stats.state, 'error');
        assert.ok(stats.last_error?.includes(folder));
        assert.equal(stats.wal_size_bytes, wal.length);

        // Trying again copies nothing new (same broken log) and still deletes nothing.
        await assert.rejects(
          store.addPieces([]),
          (caught: unknown) => caught instanceof DomainError && caught.data?.quarantine === folder,
        );
        assert.equal(fs.readdirSync(path.join(dir, 'quarantine')).length, 1);
        assert.ok(fs.existsSync(`${dbPath}.wal`));

        // The person decides: with the log moved aside, the file opens (without the log's writes).
        fs.renameSync(`${dbPath}.wal`, path.join(dir, 'kept.wal'));
        await store.listOrchestrators();
        assert.equal(manager.stats(dbPath).state, 'open');
        await manager.closeAll();
      } finally {
        cleanup();
      }
    },
  );

  it(
    'drops an invalidated instance and reopens it on the next use, losing no committed write',
    { timeout: 90_000, skip: prlimitTool.skip },
    async () => {
      prlimitTool.assert();
      const { dir, cleanup } = tempDir('wal-invalidated');
      const dbPath = path.join(dir, 'user.db');
      try {
        // The checks run inside the fixture: only that process has the file size limit.
        const fixture = runFixture('invalidateDatabase', [dbPath]);
        const exit = await fixture.exited;
        assert.equal(exit.code, 0, fixture.stderr());
        assert.equal(await fixture.waitForLine((line) => line === 'ok', 1_000), 'ok');
        assert.ok((await countPieces(dbPath)) >= 2 * 35);
      } finally {
        cleanup();
      }
    },
  );
});
