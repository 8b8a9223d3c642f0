import type { ClearCacheResult, DatabaseStats } from './databaseManager';
import type { ReadOperationArgs, ReadOperationName, ReadOperationResult } from './readOperations';
import type { SqlReader } from './sqlSession';
import type { RowsByTable } from './tableRows';
import type { WriteTransaction } from './writeTransaction';

/** What health and debug/info show of a PostgreSQL memory (never the password); protocol PostgresMemoryInfo. */
export interface PostgresSummary {
  server: string;
  database: string;
  role: string;
  schema: string;
  pool: { max: number; total: number; idle: number; waiting: number };
}

export interface PostgresDetails extends PostgresSummary {
  schema_exists: boolean;
  size_bytes: number;
  row_counts: Record<string, number>;
  server_version: string | null;
}

/**
 * The memory of every user of the daemon, whichever database holds it. A user's memory is named by the path of
 * their DuckDB file (daemon/user/userContext.ts) in both backends: PostgreSQL derives the user's schema from the
 * same salted hash, so nothing above this seam knows which backend is in use.
 *
 * The contract both keep: reads see the last commit; `write` and `transaction` resolve only after the COMMIT
 * that holds them, a job is never split across transactions, and a failure of the database rejects every job
 * that was not committed (nothing acknowledged is lost).
 */
export interface MemoryBackend {
  readonly backend: 'duckdb' | 'postgres';
  read<T>(dbPath: string, read: (reader: SqlReader) => Promise<T>): Promise<T>;
  /**
   * One of the named reads (readOperations.ts) run whole where the memory is, for a backend that gains by it (the
   * memory thread: one message, not one per query); without it, `readOperation()` runs the read through `read`.
   */
  readOperation?<K extends ReadOperationName>(
    dbPath: string,
    name: K,
    args: ReadOperationArgs<K>,
  ): Promise<ReadOperationResult<K>>;
  write(dbPath: string, rows: RowsByTable): Promise<void>;
  transaction<T>(dbPath: string, apply: (transaction: WriteTransaction) => Promise<T>, rows?: RowsByTable): Promise<T>;
  open(dbPath: string): Promise<void>;
  stats(dbPath: string): DatabaseStats;
  onStateChange(listener: (dbPath: string) => void): () => void;
  clearCache(dbPaths?: readonly string[]): Promise<ClearCacheResult>;
  closeAll(): Promise<void>;
  openDatabaseCount(): number;
  totalActiveConnections(): number;
  /** PostgreSQL only: where the user's schema is, and the pool (cheap, for every health report). */
  summary?(dbPath: string): PostgresSummary;
  /** PostgreSQL only: the summary with the schema's size and row counts (queries the server). */
  details?(dbPath: string): Promise<PostgresDetails>;
}
