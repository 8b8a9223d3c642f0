import path from 'node:path';
import pg from 'pg';
import type { ClearCacheResult, DatabaseState, DatabaseStats } from '../databaseManager';
import type { LogLevel } from '../databaseOpener';
import type { ClassifiedFailure } from '../duckdbErrors';
import type { MemoryBackend, PostgresDetails, PostgresSummary } from '../memoryBackend';
import { applyMigrations } from '../migrations';
import type { JsonRow } from '../rowValues';
import type { SqlReader, SqlSession, SqlValue } from '../sqlSession';
import { APPEND_ORDER, countRows, type RowsByTable } from '../tableRows';
import type { WriteTransaction } from '../writeTransaction';
import { classifyPostgresError } from './postgresErrors';
import { COMPAT_FUNCTIONS, translate } from './postgresSql';
import { PostgresTransaction, insertRows } from './postgresRows';
import { DatabaseUnavailableError } from '../../../domain/errors';

export interface PostgresMemoryOptions {
  url: string;
  /** Connections of this daemon's pool, at most (the server's max_connections is shared by every daemon). */
  maxConnections: number;
  connectTimeoutMs: number;
  maxBatchRows?: number;
  log?: (level: LogLevel, message: string) => void;
}

/** Text as stored, never JS objects: the rows look exactly like DuckDB's JSON conversion (rowValues.ts). */
const RAW_TEXT_TYPES = [114, 3802, 1114, 1184, 1082, 1083];
const TYPES = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (RAW_TEXT_TYPES.includes(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** The tables whose rows health counts. */
const COUNTED_TABLES = [
  'orchestrator_configurations',
  'orchestrator_executions',
  'PromptMemoryEntries',
  'ScoreEntries',
  'AttackResultEntries',
  'SeedPromptEntries',
];

interface QueuedJob {
  rows: RowsByTable | undefined;
  apply: ((transaction: WriteTransaction) => Promise<unknown>) | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class SchemaEntry {
  state: DatabaseState = 'closed';
  lastError: string | null = null;
  ready: Promise<void> | null = null;
  queue: QueuedJob[] = [];
  draining: Promise<void> | null = null;
  activeReads = 0;
  constructor(
    readonly dbPath: string,
    readonly schema: string,
  ) {}
}

/**
 * `pyrit_memory_<hash>.db` → `vutf_<hash>`: the same salted hash names the user's file and schema, so the name
 * of a user never reaches SQL, and a schema name is always a plain identifier.
 */
export function schemaFor(dbPath: string): string {
  const match = /^pyrit_memory_([0-9a-f]{16})\.db$/.exec(path.basename(dbPath));
  if (match === null) throw new Error(`not a memory file name: ${path.basename(dbPath)}`);
  return `vutf_${match[1]}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Where the memory is, for messages and health: never the password. */
export function describeUrl(url: string): { server: string; database: string; role: string } {
  try {
    const parsed = new URL(url);
    return {
      server: `${parsed.hostname}:${parsed.port || '5432'}`,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
      role: decodeURIComponent(parsed.username) || 'postgres',
    };
  } catch {
    return { server: 'unknown', database: 'unknown', role: 'unknown' };
  }
}

function sessionOn(client: pg.PoolClient): SqlSession {
  return {
    dialect: 'postgres',
    async query(sql: string, params?: readonly SqlValue[]): Promise<JsonRow[]> {
      const result = await client.query<JsonRow>(translate(sql), params as unknown[] | undefined);
      return result.rows;
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<void> {
      await client.query(translate(sql), params as unknown[] | undefined);
    },
  };
}

/**
 * Every user's memory in one shared PostgreSQL database, a schema each, through one bounded pool. Each
 * transaction sets `search_path` to the caller's schema with SET LOCAL, which PostgreSQL undoes at COMMIT or
 * ROLLBACK: a pooled connection never carries one user's schema into another user's transaction, and no
 * statement needs a schema-qualified name (the shared query text stays the DuckDB one). Reads run in their own
 * read-only transaction; writes are group-committed per schema, as in the DuckDB backend (groupCommitWriter.ts).
 */
export class PostgresMemory implements MemoryBackend {
  readonly backend = 'postgres';
  private readonly pool: pg.Pool;
  private readonly entries = new Map<string, SchemaEntry>();
  private readonly listeners = new Set<(dbPath: string) => void>();
  private readonly log: (level: LogLevel, message: string) => void;
  private readonly maxBatchRows: number;
  private readonly where: ReturnType<typeof describeUrl>;
  private shuttingDown = false;
  private serverVersion: string | null = null;

  constructor(private readonly options: PostgresMemoryOptions) {
    this.log = options.log ?? (() => undefined);
    this.maxBatchRows = options.maxBatchRows ?? 24_000;
    this.where = describeUrl(options.url);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      types: TYPES,
      application_name: 'violentutf-daemon',
    });
    // An idle client whose server went away emits here; without a listener that is an uncaught exception.
    this.pool.on('error', (error) => this.log('warn', `PostgreSQL connection lost while idle: ${error.message}`));
    // A checked-out client whose connection dies emits 'error' too (its query rejects as well): unheard, that
    // event would end the daemon.
    this.pool.on('connect', (client) => {
      client.on('error', (error) => this.log('warn', `PostgreSQL connection lost: ${error.message}`));
    });
  }

  get location(): string {
    return `${this.where.server}/${this.where.database}`;
  }

  onStateChange(listener: (dbPath: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async read<T>(dbPath: string, read: (reader: SqlReader) => Promise<T>): Promise<T> {
    const entry = this.entryFor(dbPath);
    entry.activeReads++;
    try {
      await this.ready(entry);
      return await this.inTransaction(entry, 'BEGIN READ ONLY', (client) => read(sessionOn(client)));
    } finally {
      entry.activeReads--;
    }
  }

  write(dbPath: string, rows: RowsByTable): Promise<void> {
    return this.enqueue(dbPath, rows, undefined) as Promise<void>;
  }

  transaction<T>(dbPath: string, apply: (transaction: WriteTransaction) => Promise<T>, rows?: RowsByTable): Promise<T> {
    return this.enqueue(dbPath, rows, apply) as Promise<T>;
  }

  async open(dbPath: string): Promise<void> {
    await this.ready(this.entryFor(dbPath));
  }

  stats(dbPath: string): DatabaseStats {
    const entry = this.entries.get(dbPath);
    return {
      state: entry?.state ?? 'closed',
      active_connections: this.pool.totalCount,
      wal_size_bytes: 0,
      last_error: entry?.lastError ?? null,
      pending_writes: entry?.queue.length ?? 0,
    };
  }

  /** Where the user's schema is, its size and rows, and the pool's figures: for health/database and debug/info. */
  summary(dbPath: string): PostgresSummary {
    return { ...this.where, schema: schemaFor(dbPath), pool: this.poolFigures() };
  }

  async details(dbPath: string): Promise<PostgresDetails> {
    const schema = schemaFor(dbPath);
    const base: PostgresDetails = {
      ...this.where,
      schema,
      schema_exists: false,
      size_bytes: 0,
      row_counts: {},
      pool: this.poolFigures(),
      server_version: this.serverVersion,
    };
    if (this.entries.get(dbPath)?.state === 'error') return base;
    try {
      const client = await this.pool.connect();
      try {
        this.serverVersion ??= String((await client.query('SHOW server_version')).rows[0]?.server_version ?? '');
        const found = await client.query<{ size: string | null; tables: string[] | null }>(
          `SELECT sum(pg_total_relation_size(c.oid))::bigint AS size, array_agg(c.relname::text) FILTER (WHERE c.relkind = 'r') AS tables
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`,
          [schema],
        );
        const tables = new Set(found.rows[0]?.tables ?? []);
        const rowCounts: Record<string, number> = {};
        for (const table of COUNTED_TABLES) {
          if (!tables.has(table)) continue;
          const counted = await client.query<{ count: string }>(
            `SELECT count(*) AS count FROM ${quoteIdent(schema)}.${quoteIdent(table)}`,
          );
          rowCounts[table] = Number(counted.rows[0].count);
        }
        return {
          ...base,
          schema_exists: tables.size > 0,
          size_bytes: Number(found.rows[0]?.size ?? 0),
          row_counts: rowCounts,
          server_version: this.serverVersion,
          pool: this.poolFigures(),
        };
      } finally {
        client.release();
      }
    } catch (error) {
      this.log('warn', `PostgreSQL details of ${schema} unavailable: ${(error as Error).message}`);
      return base;
    }
  }

  openDatabaseCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.state === 'open') count++;
    return count;
  }

  totalActiveConnections(): number {
    return this.pool.totalCount;
  }

  /** Nothing per user to close: the pool is shared. Idle connections are let go. */
  clearCache(): Promise<ClearCacheResult> {
    return Promise.resolve({ closed: [], kept: [] });
  }

  async closeAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.entries.values()].map((entry) => entry.draining ?? Promise.resolve()));
    await this.pool.end().catch(() => undefined);
  }

  private poolFigures(): PostgresDetails['pool'] {
    return {
      max: this.options.maxConnections,
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  private entryFor(dbPath: string): SchemaEntry {
    if (this.shuttingDown)
      throw new DatabaseUnavailableError('The daemon is shutting down; retry once it has restarted.', {
        reason: 'shutting_down',
      });
    let entry = this.entries.get(dbPath);
    if (entry === undefined) {
      entry = new SchemaEntry(dbPath, schemaFor(dbPath));
      this.entries.set(dbPath, entry);
    }
    return entry;
  }

  /** Creates the schema if needed and migrates it, once per daemon (again after the database was unavailable). */
  private ready(entry: SchemaEntry): Promise<void> {
    if (entry.ready === null) {
      this.setState(entry, entry.state === 'open' ? 'open' : 'opening');
      entry.ready = this.prepare(entry).then(
        () => {
          entry.lastError = null;
          this.setState(entry, 'open');
        },
        (error: unknown) => {
          entry.ready = null;
          throw this.failed(entry, classifyPostgresError(error, this.describe(entry)));
        },
      );
    }
    return entry.ready;
  }

  private describe(entry: SchemaEntry): string {
    return `${this.location}, schema ${entry.schema}`;
  }

  private async prepare(entry: SchemaEntry): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Two daemons (two machines of one user) may prepare the same schema at once: one at a time.
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`vutf:${entry.schema}`]);
      try {
        const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [entry.schema]);
        // Only when missing: a role that owns its schema but may not create schemas still gets in (docs/team.md).
        if (exists.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(entry.schema)}`);
        // search_path silently skips a schema the role may not use; say so instead of failing later, vaguely.
        const allowed = await client.query<{ ok: boolean }>("SELECT has_schema_privilege($1, 'USAGE, CREATE') AS ok", [
          entry.schema,
        ]);
        if (allowed.rows[0]?.ok !== true) throw permissionDenied(entry.schema, this.where.role);
        await client.query(`SET search_path TO ${quoteIdent(entry.schema)}`);
        await client.query('BEGIN');
        for (const statement of COMPAT_FUNCTIONS) await client.query(statement);
        await client.query('COMMIT');
        const session = sessionOn(client);
        const applied = await applyMigrations(
          { ...session, insertRows: (rows) => insertRows(session, rows) },
          this.describe(entry),
        );
        if (applied.length > 0) this.log('info', `migrated ${entry.schema} to ${applied.join(', ')}`);
      } finally {
        await client.query('RESET search_path').catch(() => undefined);
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`vutf:${entry.schema}`]).catch(() => undefined);
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One transaction in the entry's schema; the connection goes back to the pool, or away if it broke. */
  private async inTransaction<T>(
    entry: SchemaEntry,
    begin: string,
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failed(entry, classifyPostgresError(error, this.describe(entry)));
    }
    let broken: Error | undefined;
    try {
      await client.query(begin);
      await client.query(`SET LOCAL search_path TO ${quoteIdent(entry.schema)}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const failure = classifyPostgresError(unwrapped(error), this.describe(entry));
      if (failure.kind === 'io') broken = error as Error;
      throw failure.kind === 'io' ? this.failed(entry, failure) : failure.error;
    } finally {
      client.release(broken);
    }
  }

  /** A database failure: state `error` with the reason until the next use succeeds (schema checked again). */
  private failed(entry: SchemaEntry, failure: ClassifiedFailure): Error {
    if (failure.kind === 'io') {
      entry.ready = null;
      entry.lastError = failure.error.message;
      this.setState(entry, 'error');
      this.emit(entry);
      this.log('error', failure.error.message);
    }
    return failure.error;
  }

  private enqueue(
    dbPath: string,
    rows: RowsByTable | undefined,
    apply: ((transaction: WriteTransaction) => Promise<unknown>) | undefined,
  ): Promise<unknown> {
    let entry: SchemaEntry;
    try {
      entry = this.entryFor(dbPath);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      entry.queue.push({ rows, apply, resolve, reject });
      entry.draining ??= this.drain(entry);
    });
  }

  /**
   * Group commit: whatever is queued goes in one transaction (rows as multi-row INSERTs, statements in order),
   * and every job is resolved after COMMIT. When the rows are at fault, each job is retried alone so only the bad
   * one is rejected; when the database failed, every job of the batch is rejected (none was acknowledged).
   */
  private async drain(entry: SchemaEntry): Promise<void> {
    // The queue's last look and the flag's reset happen in one turn: a caller answered by the last batch enqueues its
    // next job only after it, and so starts a new drain (reset one await later, the job found this drain still set
    // and waited forever).
    try {
      while (entry.queue.length > 0) {
        const batch = this.takeBatch(entry);
        try {
          await this.ready(entry);
          const results = await this.inTransaction(entry, 'BEGIN', (client) => runJobs(client, batch));
          batch.forEach((job, index) => job.resolve(results[index]));
        } catch (error) {
          const failure = classifyPostgresError(unwrapped(error), this.describe(entry));
          if (failure.kind === 'io' || batch.length === 1) {
            for (const job of batch) job.reject(failure.error);
            continue;
          }
          for (const job of batch) {
            try {
              const [result] = await this.inTransaction(entry, 'BEGIN', (client) => runJobs(client, [job]));
              job.resolve(result);
            } catch (jobError) {
              job.reject(classifyPostgresError(unwrapped(jobError), this.describe(entry)).error);
            }
          }
        }
      }
    } finally {
      entry.draining = null;
    }
  }

  private takeBatch(entry: SchemaEntry): QueuedJob[] {
    const batch: QueuedJob[] = [];
    let rows = 0;
    while (entry.queue.length > 0) {
      const next = entry.queue[0];
      const count = next.rows === undefined ? 1 : countRows(next.rows);
      if (batch.length > 0 && rows + count > this.maxBatchRows) break;
      batch.push(entry.queue.shift() as QueuedJob);
      rows += count;
    }
    return batch;
  }

  private setState(entry: SchemaEntry, state: DatabaseState): void {
    if (entry.state === state) return;
    entry.state = state;
    this.emit(entry);
  }

  private emit(entry: SchemaEntry): void {
    for (const listener of this.listeners) {
      try {
        listener(entry.dbPath);
      } catch (error) {
        this.log('warn', `state listener failed: ${(error as Error).message}`);
      }
    }
  }
}

function permissionDenied(schema: string, role: string): Error {
  const error = new Error(
    `permission denied for schema ${schema}: role ${role} may not use it (with a role per user, each role owns only its own schema: docs/team.md)`,
  );
  return Object.assign(error, { code: '42501' });
}

/** A job's own error, as DuckDB's path answers it (a NotFound thrown on purpose stays a NotFound). */
function unwrapped(error: unknown): unknown {
  return error instanceof JobError ? error.cause : error;
}

class JobError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function runJobs(client: pg.PoolClient, jobs: readonly QueuedJob[]): Promise<unknown[]> {
  const transaction = new PostgresTransaction(sessionOn(client));
  const results: unknown[] = [];
  for (const job of jobs) {
    if (job.rows !== undefined) for (const table of APPEND_ORDER) transaction.appendTable(table, job.rows);
    if (job.apply === undefined) {
      results.push(undefined);
      continue;
    }
    try {
      results.push(await job.apply(transaction));
    } catch (error) {
      throw new JobError(error);
    }
  }
  await transaction.flush();
  return results;
}
