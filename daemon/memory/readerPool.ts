import type { DuckDBConnection } from '@duckdb/node-api';
import { Semaphore } from 'async-mutex';

/**
 * The reader connections of one open file. A DuckDB connection runs one statement at a time, so with a single
 * reader every client's page waited behind every other's; DuckDB's MVCC lets several connections read the same
 * commit at once. The pool starts with one connection and adds one only when every existing one is busy, up to
 * `maxReaders` (a bound on memory and on threads competing for the cores). Waiters are served in arrival order:
 * a slow read holds one connection, never the others, and nobody is starved by later arrivals.
 */
export class ReaderPool {
  private readonly slots: Semaphore;
  private readonly idle: DuckDBConnection[];
  private readonly all: DuckDBConnection[];
  private closed = false;

  constructor(
    first: DuckDBConnection,
    readonly maxReaders: number,
    private readonly connect: () => Promise<DuckDBConnection>,
  ) {
    if (!Number.isInteger(maxReaders) || maxReaders < 1) throw new RangeError('maxReaders must be 1 or more');
    this.slots = new Semaphore(maxReaders);
    this.idle = [first];
    this.all = [first];
  }

  /** Connections created so far (they stay open until the file closes). */
  get size(): number {
    return this.all.length;
  }

  /**
   * Runs `read` on a connection nobody else is using; waits in line when all `maxReaders` are busy. If the file
   * was closed while it waited, `whenClosed` answers instead (the caller opens the file again).
   */
  run<T>(read: (connection: DuckDBConnection) => Promise<T>, whenClosed: () => T): Promise<T> {
    return this.slots.runExclusive(async () => {
      if (this.closed) return whenClosed();
      const connection = this.idle.pop() ?? (await this.grow());
      try {
        return await read(connection);
      } finally {
        this.idle.push(connection);
      }
    }, 1);
  }

  /** Runs `task` once no read is running, and holds every later read until it is done (close). */
  exclusive<T>(task: () => Promise<T> | T): Promise<T> {
    return this.slots.runExclusive(async () => task(), this.maxReaders);
  }

  /** Never throws: it also runs on connections of an instance DuckDB has invalidated. */
  closeAll(): void {
    this.closed = true;
    for (const connection of this.all.splice(0)) {
      try {
        connection.closeSync();
      } catch {
        // The instance close releases it anyway.
      }
    }
    this.idle.length = 0;
  }

  private async grow(): Promise<DuckDBConnection> {
    const connection = await this.connect();
    this.all.push(connection);
    return connection;
  }
}
