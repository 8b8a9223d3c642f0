// The daemon's memory on its own thread (daemon/memory/thread/): the same manager, reached through messages. What
// only the thread adds is tested here: where it runs, transactions whose apply() stays on the caller's thread,
// errors crossing back as the classes the handlers expect, the figures stats() answers synchronously, shutdown.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { ThreadedMemory } from '../../daemon/memory/thread/threadedMemory';
import { buildRequestPiece, buildResponsePiece } from '../../daemon/memory/pyritRecords';
import { DatabaseUnavailableError, DomainError, NotFoundError } from '../../domain/errors';
import { executionContext, queryFile, tempDir } from './memoryTestKit';

function memoryIn(prefix: string): { memory: ThreadedMemory; dbPath: string; cleanup: () => Promise<void> } {
  const { dir, cleanup } = tempDir(prefix);
  const memory = new ThreadedMemory({ connectTimeoutMs: 10_000, maxRetries: 1, idleCloseMs: 0 });
  return {
    memory,
    dbPath: path.join(dir, 'pyrit_memory.db'),
    async cleanup() {
      await memory.closeAll();
      cleanup();
    },
  };
}

function pieces(key: string) {
  const context = executionContext();
  const request = buildRequestPiece(context, { prompt: `prompt ${key}`, promptKey: key });
  return [request, buildResponsePiece(context, request, { value: `answer ${key}` })];
}

describe('memory thread', () => {
  it('owns the DuckDB file on a worker thread, started by the first call', { timeout: 60_000 }, async () => {
    const { memory, dbPath, cleanup } = memoryIn('thread-where');
    try {
      assert.ok(isMainThread);
      assert.equal(memory.threadId, null, 'no thread before the first call');
      assert.equal(memory.isDuckDBLoaded, false);
      const heard: string[] = [];
      memory.onStateChange((changed) => heard.push(memory.stats(changed).state));
      await memory.open(dbPath);
      assert.equal(typeof memory.threadId, 'number');
      assert.notEqual(memory.threadId, 0, 'not the main thread');
      assert.equal(memory.isDuckDBLoaded, true);
      assert.deepEqual(heard, ['opening', 'open']);
      assert.equal(memory.stats(dbPath).state, 'open');
      assert.equal(memory.openDatabaseCount(), 1);
      assert.ok(memory.totalActiveConnections() >= 2, 'the writer and a reader');
      const cleared = await memory.clearCache([dbPath]);
      assert.equal(cleared.closed.length, 1);
      assert.equal(memory.stats(dbPath).state, 'closed');
      assert.equal(memory.openDatabaseCount(), 0);
    } finally {
      await cleanup();
    }
  });

  it('commits what a caller wrote before answering it, and reads it back', { timeout: 60_000 }, async () => {
    const { memory, dbPath, cleanup } = memoryIn('thread-write');
    try {
      const store = new MemoryStore(memory, dbPath);
      const writes = Array.from({ length: 50 }, (_, index) => store.addPieces(pieces(String(index))));
      assert.equal(memory.stats(dbPath).pending_writes, 50, 'every write is pending until its COMMIT is known');
      await Promise.all(writes);
      assert.equal(memory.stats(dbPath).pending_writes, 0);
      const [row] = await memory.read(dbPath, (reader) =>
        reader.query('SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"'),
      );
      assert.equal(row.n, 100);
    } finally {
      await cleanup();
    }
  });

  it(
    "runs a transaction's apply() on the caller's thread, with its statements in the batch",
    { timeout: 60_000 },
    async () => {
      const { memory, dbPath, cleanup } = memoryIn('thread-apply');
      try {
        await memory.open(dbPath);
        const ran: boolean[] = [];
        const value = await memory.transaction(dbPath, async (transaction) => {
          ran.push(isMainThread);
          await transaction.run('CREATE TABLE notes (id INTEGER, body VARCHAR)');
          await transaction.run('INSERT INTO notes VALUES ($1, $2)', [1, 'first']);
          const rows = await transaction.query('SELECT count(*)::INTEGER AS n FROM notes');
          return rows[0].n;
        });
        assert.deepEqual(ran, [true]);
        assert.equal(value, 1, 'apply sees its own rows and its value is the caller’s answer');
        const [row] = await memory.read(dbPath, (reader) => reader.query('SELECT body FROM notes'));
        assert.equal(row.body, 'first');
      } finally {
        await cleanup();
      }
    },
  );

  it(
    'rejects only the job whose apply() failed, with the error it threw; the others commit',
    { timeout: 60_000 },
    async () => {
      const { memory, dbPath, cleanup } = memoryIn('thread-fail');
      try {
        await memory.transaction(dbPath, (transaction) =>
          transaction.run('CREATE TABLE notes (id INTEGER PRIMARY KEY)'),
        );
        const missing = new NotFoundError('finding', 'f-1');
        const jobs = [
          memory.transaction(dbPath, (transaction) => transaction.run('INSERT INTO notes VALUES (1)')),
          memory.transaction(dbPath, async () => {
            throw missing;
          }),
          // A statement DuckDB refuses (a duplicate key): that job's fault, told in DuckDB's words.
          memory.transaction(dbPath, (transaction) => transaction.run('INSERT INTO notes VALUES (1)')),
          memory.transaction(dbPath, (transaction) => transaction.run('INSERT INTO notes VALUES (2)')),
        ];
        const settled = await Promise.allSettled(jobs);
        assert.equal(settled[0].status, 'fulfilled');
        assert.equal(settled[1].status, 'rejected');
        assert.equal(settled[1].status === 'rejected' && settled[1].reason, missing, 'the very error apply threw');
        assert.equal(settled[2].status, 'rejected');
        const duplicate = settled[2].status === 'rejected' ? (settled[2].reason as Error) : null;
        assert.ok(duplicate instanceof DomainError, 'a DuckDB failure comes back classified, as a DomainError');
        assert.match(duplicate.message, /duplicate key|PRIMARY KEY|constraint/i);
        assert.equal(settled[3].status, 'fulfilled');
        const rows = await memory.read(dbPath, (reader) => reader.query('SELECT id FROM notes ORDER BY id'));
        assert.deepEqual(
          rows.map((row) => row.id),
          [1, 2],
        );
      } finally {
        await cleanup();
      }
    },
  );

  it('answers a bad query with a DomainError and keeps serving', { timeout: 60_000 }, async () => {
    const { memory, dbPath, cleanup } = memoryIn('thread-query');
    try {
      await assert.rejects(
        memory.read(dbPath, (reader) => reader.query('SELECT * FROM no_such_table')),
        (error: unknown) => error instanceof DomainError && /no_such_table/.test(error.message),
      );
      const [row] = await memory.read(dbPath, (reader) => reader.query('SELECT 41 + 1 AS answer'));
      assert.equal(row.answer, 42);
    } finally {
      await cleanup();
    }
  });

  it('lets queued writes commit at shutdown, then refuses calls with a reason', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('thread-close');
    const dbPath = path.join(dir, 'pyrit_memory.db');
    const memory = new ThreadedMemory({ connectTimeoutMs: 10_000, maxRetries: 1, idleCloseMs: 0 });
    try {
      const store = new MemoryStore(memory, dbPath);
      const writes = Array.from({ length: 20 }, (_, index) => store.addPieces(pieces(`${randomUUID()}-${index}`)));
      await memory.closeAll();
      await Promise.all(writes);
      await assert.rejects(
        memory.read(dbPath, (reader) => reader.query('SELECT 1')),
        (error: unknown) => error instanceof DatabaseUnavailableError && /shutting down/.test(error.message),
      );
      const [row] = await queryFile(dbPath, 'SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"');
      assert.equal(row.n, 40, 'every acknowledged piece is in the file');
    } finally {
      cleanup();
    }
  });
});
