// The memory suites run against every backend: the embedded DuckDB file (on the caller's thread and on the
// daemon's memory thread) and a PostgreSQL schema. Each test gets
// a user of its own (a fresh salted hash → a fresh DuckDB file or schema); the PostgreSQL ones share one database
// per test file, created on first use and dropped after the file's tests.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after } from 'node:test';
import type { MemoryBackend } from '../../daemon/memory/memoryBackend';
import { PostgresMemory } from '../../daemon/memory/postgres/postgresMemory';
import { ThreadedMemory } from '../../daemon/memory/thread/threadedMemory';
import { createTestDatabase, postgresServer, type TestDatabase } from '../helpers/postgres';
import type { Requirement } from '../helpers/requirement';
import { createManager, tempDir } from './memoryTestKit';

export interface BackendUnderTest {
  name: 'DuckDB' | 'DuckDB on its memory thread' | 'PostgreSQL';
  /** The `skip` option for its tests (PostgreSQL without a server outside CI). */
  skip: string | false;
  requirement: Requirement | null;
  /** A backend and a fresh user's memory path in it; `close` releases both. */
  open(): Promise<{ backend: MemoryBackend; dbPath: string; close: () => Promise<void> }>;
}

let database: Promise<TestDatabase> | null = null;

/**
 * The file's test database. Call dropTestDatabaseAfterAll() at the top level of the file first: node:test ties an
 * `after` to the test it is called in, so it cannot be registered lazily.
 */
export function testDatabase(): Promise<TestDatabase> {
  database ??= createTestDatabase();
  return database;
}

export function dropTestDatabaseAfterAll(): void {
  after(async () => {
    if (database !== null) await (await database).drop();
  });
}

export function memoryFileName(): string {
  return `pyrit_memory_${randomBytes(8).toString('hex')}.db`;
}

export function postgresBackend(url: string, maxConnections = 4): PostgresMemory {
  return new PostgresMemory({ url, maxConnections, connectTimeoutMs: 5_000 });
}

/** Call at the top level of a test file (it registers the file's `after` that drops its database). */
export function memoryBackends(): BackendUnderTest[] {
  const postgres = postgresServer();
  if (postgres.present) dropTestDatabaseAfterAll();
  return [
    {
      name: 'DuckDB',
      skip: false,
      requirement: null,
      async open() {
        const { dir, cleanup } = tempDir('backend');
        const { manager } = createManager();
        return {
          backend: manager,
          dbPath: path.join(dir, memoryFileName()),
          async close() {
            await manager.closeAll();
            cleanup();
          },
        };
      },
    },
    {
      // What the daemon runs (VUTF_MEMORY_THREAD=1): the same manager, reached through messages to its thread.
      name: 'DuckDB on its memory thread',
      skip: false,
      requirement: null,
      async open() {
        const { dir, cleanup } = tempDir('thread');
        const backend = new ThreadedMemory({ connectTimeoutMs: 10_000, maxRetries: 1, idleCloseMs: 0 });
        return {
          backend,
          dbPath: path.join(dir, memoryFileName()),
          async close() {
            await backend.closeAll();
            cleanup();
          },
        };
      },
    },
    {
      name: 'PostgreSQL',
      skip: postgres.skip,
      requirement: postgres,
      async open() {
        postgres.assert();
        const { url } = await testDatabase();
        const backend = postgresBackend(url);
        return {
          backend,
          dbPath: path.join('/nonexistent', memoryFileName()),
          close: () => backend.closeAll(),
        };
      },
    },
  ];
}
