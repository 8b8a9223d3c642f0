import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DUCKDB_HEADER_BYTES } from '../../daemon/memory/failedCreate';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { DomainError } from '../../domain/errors';
import { createManager, queryFile, tempDir } from './memoryTestKit';

/** Stores an orchestrator and reads it back: the file is a working memory file. */
async function assertUsable(store: MemoryStore): Promise<void> {
  const saved = await store.saveOrchestrator({
    name: 'works',
    orchestrator_type: 'prompt_sending',
    parameters: {},
    created_by: 'me',
  });
  assert.equal((await store.getOrchestrator(saved.id))?.name, 'works');
}

function quarantined(dir: string): string[] {
  const root = path.join(dir, 'quarantine');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .flatMap((folder) => fs.readdirSync(path.join(root, folder)).map((name) => path.join(root, folder, name)));
}

/** The first `bytes` of a real DuckDB file: what a create that ran out of space part-way leaves. */
async function partialHeader(dir: string, bytes: number): Promise<Buffer> {
  const whole = path.join(dir, 'whole.db');
  await queryFile(whole, 'SELECT 1');
  return fs.readFileSync(whole).subarray(0, bytes);
}

describe('a memory file a failed create left behind', () => {
  it('is created anew when it is empty, as a full disk leaves it', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('failed-create-empty');
    const { manager, logs } = createManager();
    try {
      const dbPath = path.join(dir, 'user.db');
      fs.writeFileSync(dbPath, '');
      await assertUsable(new MemoryStore(manager, dbPath));
      assert.ok(
        logs.some((line) => line.message.includes('creating it anew')),
        logs.map((line) => line.message).join('\n'),
      );
      assert.deepEqual(quarantined(dir), [], 'an empty file holds nothing worth a copy');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('is copied to quarantine, then created anew, when it holds part of a header', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('failed-create-partial');
    const { manager } = createManager();
    try {
      const dbPath = path.join(dir, 'user.db');
      const header = await partialHeader(dir, 4096);
      fs.writeFileSync(dbPath, header);
      await assertUsable(new MemoryStore(manager, dbPath));
      const copies = quarantined(dir);
      assert.equal(copies.length, 1, copies.join(', '));
      assert.deepEqual(fs.readFileSync(copies[0]), header, 'the copy is the file as it was');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('is left alone when a log beside it holds writes', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('failed-create-wal');
    const { manager } = createManager({ maxRetries: 0 });
    try {
      const dbPath = path.join(dir, 'user.db');
      fs.writeFileSync(dbPath, '');
      fs.writeFileSync(`${dbPath}.wal`, 'not ours to judge');
      await assert.rejects(new MemoryStore(manager, dbPath).listOrchestrators(), DomainError);
      assert.equal(fs.readFileSync(`${dbPath}.wal`, 'utf8'), 'not ours to judge');
      assert.ok(fs.existsSync(dbPath));
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('is refused with a copy in quarantine, and kept, when it is longer than a header but no database', async () => {
    const { dir, cleanup } = tempDir('failed-create-foreign');
    const { manager } = createManager({ maxRetries: 0 });
    try {
      const dbPath = path.join(dir, 'user.db');
      const foreign = Buffer.alloc(DUCKDB_HEADER_BYTES * 2, 'not a database ');
      fs.writeFileSync(dbPath, foreign);
      const store = new MemoryStore(manager, dbPath);
      for (let attempt = 0; attempt < 2; attempt++) {
        await assert.rejects(store.listOrchestrators(), (error: unknown) => {
          assert.ok(error instanceof DomainError, String(error));
          assert.match(error.message, /not a DuckDB database/);
          assert.match(error.message, /quarantine/);
          return true;
        });
      }
      assert.deepEqual(fs.readFileSync(dbPath), foreign, 'nothing deleted or changed');
      assert.equal(quarantined(dir).length, 1, 'copied once, not once per attempt');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });
});
