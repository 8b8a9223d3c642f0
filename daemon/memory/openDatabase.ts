import { type DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { Mutex } from 'async-mutex';
import { ReaderPool } from './readerPool';
import type { AppendTable } from './tableRows';

/**
 * Instance settings. A checkpoint rewrites the table's row groups, and with DuckDB's default threshold (16 MB
 * of WAL) a steady stream of results triggers one every few thousand pieces, which more than halves write
 * throughput. A larger log is checkpointed on idle close, clearCache and shutdown anyway; the cost is a longer
 * replay after a crash (measured: 0.8 s for a 69 MB WAL on a loaded 2-core machine, so 1–2 s at the limit).
 */
export const INSTANCE_OPTIONS: Readonly<Record<string, string>> = {
  checkpoint_threshold: '128MB',
};

/**
 * One open memory file: its only DuckDB instance in this process, a writer connection (used by the group
 * commit writer alone) and a small pool of reader connections (MVCC: reads see the last commit and never wait
 * for writes, nor for each other up to the pool's size).
 */
export class OpenDatabase {
  readonly readers: ReaderPool;
  /** Held by the group commit writer for each transaction, and by close so it never pulls a busy connection. */
  readonly writerLock = new Mutex();
  private readonly appenders = new Map<AppendTable, (DuckDBAppender | undefined)[]>();
  private closed = false;
  private invalidatedByDuckDB = false;

  constructor(
    readonly dbPath: string,
    private readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
    reader: DuckDBConnection,
    maxReaders = 1,
  ) {
    this.readers = new ReaderPool(reader, maxReaders, () => instance.connect());
  }

  /** The writer and every reader created so far. */
  get connectionCount(): number {
    return this.closed ? 0 : 1 + this.readers.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** DuckDB refused it after a fatal error: it is only closed, never checkpointed or written again. */
  get invalidated(): boolean {
    return this.invalidatedByDuckDB;
  }

  markInvalidated(): void {
    this.invalidatedByDuckDB = true;
  }

  /**
   * Appenders are created once per table and slot and reused: creating one looks up the catalog each time. Slot
   * 0 serves transactions; the group commit writer stages the next batch into slots 0…n during a COMMIT, one
   * slice of rows per slot, so that each later flush is a slice's worth of work, not a whole batch's.
   */
  async appender(table: AppendTable, slot = 0): Promise<DuckDBAppender> {
    const existing = this.existingAppender(table, slot);
    if (existing !== undefined) return existing;
    const created = await this.writer.createAppender(table);
    let slots = this.appenders.get(table);
    if (slots === undefined) this.appenders.set(table, (slots = []));
    slots[slot] = created;
    return created;
  }

  /** The table's appender in that slot if one was already created; creating one would have to wait for the connection. */
  existingAppender(table: AppendTable, slot = 0): DuckDBAppender | undefined {
    return this.appenders.get(table)?.[slot];
  }

  /**
   * After a failed batch an appender may still buffer the rows that failed; they must never reach a later
   * transaction, so every appender is thrown away.
   */
  discardAppenders(): void {
    for (const slots of this.appenders.values()) {
      for (const appender of slots) {
        try {
          appender?.clear();
          appender?.closeSync();
        } catch {
          // Closing flushes; with the buffer cleared there is nothing to lose if it complains.
        }
      }
    }
    this.appenders.clear();
  }

  /** Checkpoint so the file is complete without its WAL (PyRIT and the CLI then open it instantly). */
  async checkpoint(): Promise<void> {
    await this.writerLock.runExclusive(() => this.writer.run('CHECKPOINT'));
  }

  /** Closes once no read and no write transaction is running on it. */
  closeWhenIdle(): Promise<void> {
    return this.readers.exclusive(() => this.writerLock.runExclusive(() => this.close()));
  }

  /** Idempotent; never throws, because it also runs on instances DuckDB has already invalidated. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.discardAppenders();
    this.readers.closeAll();
    try {
      this.writer.closeSync();
    } catch {
      // An invalidated connection may refuse; the instance close below releases it anyway.
    }
    try {
      this.instance.closeSync();
    } catch {
      // Same: the file lock is released when the native handle is finalized.
    }
  }
}
