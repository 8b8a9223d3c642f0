import fs from 'node:fs/promises';
import path from 'node:path';
import { classifyDuckDBError, OpenTimeoutError, type ClassifiedFailure, type FailureKind } from './duckdbErrors';
import { clearFailedCreate } from './failedCreate';
import { gateFor } from './fileSystemGate';
import { loadDuckDB } from './duckdbModule';
import { applyMigrations, type MigrationTarget } from './migrations';
import { duckdbSession } from './sqlSession';
import { APPEND_ORDER, ROW_APPENDERS, type AppendTable, type RowsByTable, type TableRows } from './tableRows';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INSTANCE_OPTIONS, OpenDatabase } from './openDatabase';
import { setTimeout as delay } from 'node:timers/promises';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string) => void;

export interface OpenPolicy {
  connectTimeoutMs: number;
  maxRetries: number;
  log: Log;
  duckdbOptions: Readonly<Record<string, string>>;
  maxReaders: number;
  now?: () => number;
}

/** Raised when every attempt failed; carries the classified failure of the last one. */
export class OpenFailure extends Error {
  constructor(readonly failure: ClassifiedFailure) {
    super(failure.error.message);
  }
}

/**
 * Per-file state that outlives one open: an attempt that timed out may still complete inside DuckDB, and
 * until it has, no new attempt may start — a second instance on the same file in one process is the one thing
 * DuckDB cannot protect against (its lock is per process) and it corrupts the file.
 */
export interface OpenerState {
  abandonedAttempt: Promise<void> | null;
}

const RETRYABLE: ReadonlySet<FailureKind> = new Set(['locked', 'timeout', 'io', 'invalidated']);
const MAX_BACKOFF_MS = 5_000;

export function backoffMs(attempt: number): number {
  return Math.min(100 * 2 ** attempt, MAX_BACKOFF_MS);
}

/**
 * Creating a file, replaying its log and migrating it all write to the disk, like an ordinary commit: it holds the
 * file system's gate shared, so that a commit that checked for free space holds the disk alone (fileSystemGate.ts).
 */
function openOnce(dbPath: string, policy: OpenPolicy): Promise<OpenDatabase> {
  return gateFor(dbPath).run(false, () => openUngated(dbPath, policy));
}

async function openUngated(dbPath: string, policy: OpenPolicy): Promise<OpenDatabase> {
  const { DuckDBInstance } = await loadDuckDB();
  const instance = await DuckDBInstance.create(dbPath, { ...INSTANCE_OPTIONS, ...policy.duckdbOptions });
  try {
    const writer = await instance.connect();
    const reader = await instance.connect();
    const database = new OpenDatabase(dbPath, instance, writer, reader, policy.maxReaders);
    try {
      await applyMigrations(duckdbMigrationTarget(writer), dbPath);
    } catch (error) {
      database.close();
      throw error;
    }
    return database;
  } catch (error) {
    try {
      instance.closeSync();
    } catch {
      // already closed with its connections above
    }
    throw error;
  }
}

async function openWithTimeout(dbPath: string, state: OpenerState, policy: OpenPolicy): Promise<OpenDatabase> {
  const timeoutMs = policy.connectTimeoutMs;
  const attempt = openOnce(dbPath, policy);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OpenTimeoutError(dbPath, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([attempt, timeout]);
  } catch (error) {
    if (error instanceof OpenTimeoutError) {
      // Nobody will use this instance; close it as soon as DuckDB hands it over.
      state.abandonedAttempt = attempt.then(
        (database) => database.close(),
        () => undefined,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Opens with a timeout per attempt and exponential backoff between attempts that may succeed later. */
export async function openWithRetries(dbPath: string, state: OpenerState, policy: OpenPolicy): Promise<OpenDatabase> {
  await fs.mkdir(path.dirname(dbPath), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    if (state.abandonedAttempt !== null) {
      await state.abandonedAttempt;
      state.abandonedAttempt = null;
    }
    try {
      // What a create on a full disk left behind would otherwise be refused by DuckDB on every later attempt.
      await clearFailedCreate(dbPath, (policy.now ?? Date.now)(), policy.log);
      return await openWithTimeout(dbPath, state, policy);
    } catch (error) {
      const failure = classifyDuckDBError(error, dbPath);
      if (!RETRYABLE.has(failure.kind) || attempt >= policy.maxRetries) throw new OpenFailure(failure);
      const waitMs = backoffMs(attempt);
      policy.log(
        'warn',
        `opening ${dbPath} failed (${failure.kind}: ${failure.error.message}); retry ${attempt + 1}/${policy.maxRetries} in ${waitMs} ms`,
      );
      await delay(waitMs);
    }
  }
}

/** Migrations on the writer connection; backfilled rows go through DuckDB's appender, table by table. */
export function duckdbMigrationTarget(connection: DuckDBConnection): MigrationTarget {
  return {
    ...duckdbSession(connection),
    async insertRows(rows: RowsByTable) {
      for (const table of APPEND_ORDER) await appendAll(connection, table, rows);
    },
  };
}

async function appendAll<K extends AppendTable>(
  connection: DuckDBConnection,
  table: K,
  rows: RowsByTable,
): Promise<void> {
  const tableRows: readonly TableRows[K][] | undefined = rows[table];
  if (tableRows === undefined || tableRows.length === 0) return;
  const appender = await connection.createAppender(table);
  for (const row of tableRows) ROW_APPENDERS[table](appender, row);
  appender.closeSync();
}
