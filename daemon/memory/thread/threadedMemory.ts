import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClearCacheResult, DatabaseStats } from '../databaseManager';
import type { Log } from '../databaseOpener';
import type { DuckDBFiles } from '../duckdbFiles';
import type { MemoryBackend } from '../memoryBackend';
import { canonicalMemoryPath, shuttingDownError, walSize } from '../memoryFiles';
import type { ExportFormat } from '../resultExport';
import type { ReadOperationArgs, ReadOperationName, ReadOperationResult } from '../readOperations';
import type { JsonRow } from '../rowValues';
import type { SqlReader, SqlValue } from '../sqlSession';
import type { RowsByTable } from '../tableRows';
import type { WriteTransaction } from '../writeTransaction';
import { MessageOutbox, unpack, type Posted } from './messageOutbox';
import { fromThreadError, toThreadError } from './threadErrors';
import { toWire } from './threadWire';
import type {
  FileSnapshot,
  FromMemoryThread,
  MemoryThreadOptions,
  ThreadError,
  ToMemoryThread,
} from './threadMessages';
import { DatabaseUnavailableError, DomainError } from '../../../domain/errors';

export interface ThreadedMemoryOptions extends MemoryThreadOptions {
  log?: Log;
}

/** Where the thread's code is: beside the bundle (dist/memoryThread.js), or the source under tsx (tests, bench). */
function startThread(options: MemoryThreadOptions): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'memoryThread.js'), { workerData: options });
  const source = path.join(__dirname, 'memoryThreadMain.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: options });
}

type WithoutId<M> = M extends { id: number } ? Omit<M, 'id'> : never;
type Call = WithoutId<Exclude<ToMemoryThread, { attempt: number }>>;
type Answer = unknown;

interface PendingCall {
  resolve: (value: Answer) => void;
  reject: (error: Error) => void;
}

/** A transaction job whose apply() runs here while the memory thread holds its transaction open. */
interface PendingTransaction {
  apply: (transaction: WriteTransaction) => Promise<unknown>;
  /** What the last run of apply() returned or threw: the caller gets it once the COMMIT is known. */
  value: unknown;
  applyError: unknown;
}

/**
 * The DuckDB memory on a thread of its own (docs/performance.md, issue 14): the main thread keeps the sockets, the
 * memory thread (memoryThreadHost.ts) owns every DuckDB instance with its writer and readers, so appending,
 * flushing and reading rows, and converting them to JS, do not run on the thread that serves the clients. It keeps
 * MemoryBackend's contract as the manager there does (a caller is answered only after the COMMIT that holds its
 * job; nothing acknowledged is lost), because it is that manager: here are only messages, and what stats() must
 * answer synchronously.
 *
 * A query, a named read (readOperations.ts) and a write are one message each way; a transaction's apply() runs
 * here, its calls crossing to the writer connection inside the batch's transaction. The thread starts on the first
 * call, so a daemon that opens no memory never starts it (nor loads DuckDB).
 */
export class ThreadedMemory implements MemoryBackend, DuckDBFiles {
  readonly backend = 'duckdb';
  private worker: Worker | null = null;
  /** Messages to the thread, sent once per turn of the event loop (messageOutbox.ts). */
  private outbox: MessageOutbox<ToMemoryThread> | null = null;
  private workerThreadId: number | null = null;
  private stopped: Error | null = null;
  private closing = false;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  private readonly transactions = new Map<number, PendingTransaction>();
  private readonly files = new Map<string, FileSnapshot>();
  private readonly pendingWrites = new Map<string, number>();
  private readonly listeners = new Set<(dbPath: string) => void>();
  /** Per spelling, as the manager keeps them: resolving a path is a few syscalls, and every write counts one. */
  private readonly canonicalPaths = new Map<string, string>();
  private openFiles = 0;
  private connections = 0;
  private duckdbLoaded = false;
  private readonly log: Log;

  constructor(private readonly options: ThreadedMemoryOptions) {
    this.log = options.log ?? (() => undefined);
  }

  /** The memory thread's id (a worker's is ≥ 1; the main thread's would be 0), null until it has started. */
  get threadId(): number | null {
    return this.workerThreadId;
  }

  /** Whether the memory thread has loaded DuckDB (it does on the first open). */
  get isDuckDBLoaded(): boolean {
    return this.duckdbLoaded;
  }

  read<T>(dbPath: string, read: (reader: SqlReader) => Promise<T>): Promise<T> {
    return read({
      dialect: 'duckdb',
      query: (sql, params) => this.call({ type: 'query', dbPath, sql, params }) as Promise<JsonRow[]>,
    });
  }

  readOperation<K extends ReadOperationName>(
    dbPath: string,
    name: K,
    args: ReadOperationArgs<K>,
  ): Promise<ReadOperationResult<K>> {
    return this.call({ type: 'operation', dbPath, name, args }) as Promise<ReadOperationResult<K>>;
  }

  write(dbPath: string, rows: RowsByTable): Promise<void> {
    return this.counted(dbPath, this.call({ type: 'write', dbPath, rows })).then(() => undefined);
  }

  transaction<T>(dbPath: string, apply: (transaction: WriteTransaction) => Promise<T>, rows?: RowsByTable): Promise<T> {
    const id = this.nextId++;
    const pending: PendingTransaction = { apply, value: undefined, applyError: undefined };
    this.transactions.set(id, pending);
    const done = this.call({ type: 'transaction', dbPath, rows }, id).then(
      () => pending.value as T,
      (error: Error) => {
        // The job's own DomainError (NotFound, …) is its answer, as the manager gives it: the very object thrown.
        throw pending.applyError instanceof DomainError ? pending.applyError : error;
      },
    );
    return this.counted(
      dbPath,
      done.finally(() => this.transactions.delete(id)),
    );
  }

  async open(dbPath: string): Promise<void> {
    await this.call({ type: 'open', dbPath });
  }

  copyResults(dbPath: string, executionId: string, format: ExportFormat, file: string): Promise<number> {
    return this.call({
      type: 'file',
      dbPath,
      operation: { op: 'copyResults', executionId, format, file },
    }) as Promise<number>;
  }

  exportPyrit(dbPath: string, executionIds: readonly string[], file: string): Promise<{ results: number }> {
    return this.call({
      type: 'file',
      dbPath,
      operation: { op: 'exportPyrit', executionIds, file },
    }) as Promise<{ results: number }>;
  }

  stats(dbPath: string): DatabaseStats {
    const canonical = this.canonical(dbPath);
    const snapshot = this.files.get(canonical);
    return {
      state: snapshot?.state ?? 'closed',
      active_connections: snapshot?.active_connections ?? 0,
      wal_size_bytes: walSize(canonical),
      last_error: snapshot?.last_error ?? null,
      pending_writes: this.pendingWrites.get(canonical) ?? 0,
    };
  }

  onStateChange(listener: (dbPath: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async clearCache(dbPaths?: readonly string[]): Promise<ClearCacheResult> {
    if (this.worker === null) return { closed: [], kept: [] };
    return (await this.call({ type: 'clearCache', dbPaths })) as ClearCacheResult;
  }

  /** Lets queued writes commit, checkpoints and closes every file, then ends the thread; later calls are refused. */
  async closeAll(): Promise<void> {
    const worker = this.worker;
    const first = !this.closing;
    // As the manager does: from now on new calls are refused; what was sent before is committed first.
    this.closing = true;
    if (worker === null || !first) return;
    try {
      await this.call({ type: 'closeAll' }, this.nextId++, true);
    } finally {
      this.worker = null;
      await worker.terminate();
      // Nothing is left to answer them: a call still open here would wait forever.
      this.rejectOpenCalls(() => shuttingDownError(''));
    }
  }

  openDatabaseCount(): number {
    return this.openFiles;
  }

  totalActiveConnections(): number {
    return this.connections;
  }

  private canonical(dbPath: string): string {
    let canonical = this.canonicalPaths.get(dbPath);
    if (canonical === undefined) {
      canonical = canonicalMemoryPath(dbPath);
      this.canonicalPaths.set(dbPath, canonical);
    }
    return canonical;
  }

  private counted<T>(dbPath: string, work: Promise<T>): Promise<T> {
    const canonical = this.canonical(dbPath);
    this.pendingWrites.set(canonical, (this.pendingWrites.get(canonical) ?? 0) + 1);
    return work.finally(() => {
      const left = (this.pendingWrites.get(canonical) ?? 1) - 1;
      if (left === 0) this.pendingWrites.delete(canonical);
      else this.pendingWrites.set(canonical, left);
    });
  }

  private call(message: Call, id = this.nextId++, closing = false): Promise<Answer> {
    if (this.closing && !closing) {
      const dbPath = 'dbPath' in message ? message.dbPath : '';
      return Promise.reject(shuttingDownError(dbPath));
    }
    let worker: Worker;
    try {
      worker = this.thread();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise<Answer>((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      // Only a call in flight keeps the process alive, as a DuckDB call on the main thread would.
      if (this.calls.size === 1) worker.ref();
      this.send({ ...message, id } as ToMemoryThread);
    });
  }

  private send(message: ToMemoryThread): void {
    this.outbox?.send(message);
  }

  private thread(): Worker {
    if (this.stopped !== null) throw this.stopped;
    if (this.worker !== null) return this.worker;
    const { log: _log, ...options } = this.options;
    const worker = startThread(options);
    worker.unref();
    this.outbox = new MessageOutbox((messages) => worker.postMessage(toWire(messages)));
    worker.on('message', (posted: Posted<FromMemoryThread>) => {
      for (const message of unpack(posted)) this.onMessage(worker, message);
    });
    worker.on('error', (error) => this.onStopped(worker, `it failed: ${error.message}`));
    worker.on('exit', (code) => this.onStopped(worker, `it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private onMessage(worker: Worker, message: FromMemoryThread): void {
    switch (message.type) {
      case 'ready':
        this.workerThreadId = message.threadId;
        return;
      case 'result':
      case 'error': {
        const call = this.calls.get(message.id);
        if (call === undefined) return;
        this.calls.delete(message.id);
        if (this.calls.size === 0) worker.unref();
        if (message.type === 'result') call.resolve(message.value);
        else call.reject(fromThreadError(message.error));
        return;
      }
      case 'apply':
        this.runApply(message.id, message.attempt);
        return;
      case 'txResult':
      case 'txError':
        this.settleTransactionCall(message);
        return;
      case 'file':
        this.files.set(this.canonical(message.dbPath), message.snapshot);
        this.openFiles = message.openFiles;
        this.connections = message.connections;
        this.duckdbLoaded = message.duckdbLoaded;
        if (message.changed) this.emit(message.dbPath);
        return;
      case 'log':
        this.log(message.level, message.message);
        return;
    }
  }

  private readonly transactionCalls = new Map<string, PendingCall>();
  /** A call's error, remembered so that an apply() rethrowing it tells the thread which one it was. */
  private readonly callOfError = new WeakMap<Error, number>();

  private runApply(id: number, attempt: number): void {
    const pending = this.transactions.get(id);
    if (pending === undefined) return;
    pending.applyError = undefined;
    let nextCall = 0;
    const transactionCall = (kind: 'run' | 'query', sql: string, params?: readonly SqlValue[]): Promise<Answer> =>
      new Promise<Answer>((resolve, reject) => {
        const call = nextCall++;
        this.transactionCalls.set(`${id}:${attempt}:${call}`, {
          resolve,
          reject: (error) => {
            this.callOfError.set(error, call);
            reject(error);
          },
        });
        this.send({ type: 'txCall', id, attempt, call, kind, sql, params });
      });
    const transaction: WriteTransaction = {
      dialect: 'duckdb',
      append: (table, rows) => {
        if (rows.length > 0) this.send({ type: 'txAppend', id, attempt, rows: { [table]: rows } });
      },
      appendRows: (rows) => this.send({ type: 'txAppend', id, attempt, rows }),
      run: async (sql, params) => {
        await transactionCall('run', sql, params);
      },
      query: async (sql, params) => (await transactionCall('query', sql, params)) as JsonRow[],
    };
    // A throw before apply's first await is its failure too, not an exception out of this message handler.
    Promise.resolve()
      .then(() => pending.apply(transaction))
      .then(
        (value) => {
          pending.value = value;
          this.send({ type: 'txApplied', id, attempt });
        },
        (error: unknown) => {
          pending.applyError = error;
          const call = error instanceof Error ? this.callOfError.get(error) : undefined;
          const failed: ToMemoryThread = { type: 'txFailed', id, attempt, error: toThreadError(error), call };
          this.send(failed);
        },
      );
  }

  private settleTransactionCall(message: Extract<FromMemoryThread, { type: 'txResult' | 'txError' }>): void {
    const key = `${message.id}:${message.attempt}:${message.call}`;
    const call = this.transactionCalls.get(key);
    if (call === undefined) return;
    this.transactionCalls.delete(key);
    if (message.type === 'txResult') call.resolve(message.rows);
    else call.reject(fromThreadError(message.error));
  }

  /**
   * A memory thread that died may have left DuckDB instances open in this process: a new one on the same files
   * could corrupt them, so the memory stays unavailable until the daemon restarts.
   */
  private onStopped(worker: Worker, how: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.stopped = new DatabaseUnavailableError(
      `The daemon's memory thread stopped (${how}); restart the daemon (vutf daemon restart) to use the memory again.`,
      { reason: 'memory_thread_stopped' },
    );
    this.log('error', this.stopped.message);
    const failure: ThreadError = toThreadError(this.stopped);
    this.rejectOpenCalls(() => fromThreadError(failure));
    for (const [dbPath, snapshot] of this.files) {
      this.files.set(dbPath, { ...snapshot, state: 'error', last_error: this.stopped.message });
      this.emit(dbPath);
    }
  }

  private rejectOpenCalls(error: () => Error): void {
    for (const call of [...this.calls.values(), ...this.transactionCalls.values()]) call.reject(error());
    this.calls.clear();
    this.transactionCalls.clear();
  }

  private emit(dbPath: string): void {
    for (const listener of this.listeners) {
      try {
        listener(dbPath);
      } catch (error) {
        this.log('warn', `state listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
