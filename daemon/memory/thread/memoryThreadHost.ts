import { DatabaseManager } from '../databaseManager';
import { managerFiles, type DuckDBFiles } from '../duckdbFiles';
import { isDuckDBLoaded } from '../duckdbModule';
import { runReadOperation, type ReadOperationArgs } from '../readOperations';
import type { JsonRow } from '../rowValues';
import type { WriteTransaction } from '../writeTransaction';
import { fromThreadError, toThreadError } from './threadErrors';
import type { FromMemoryThread, MemoryThreadOptions, ToMemoryThread } from './threadMessages';

/** A transaction job of the main thread, while the group commit runs its apply() there. */
interface RemoteJob {
  attempt: number;
  transaction: WriteTransaction | null;
  settle: { resolve: () => void; reject: (error: unknown) => void } | null;
  /** The errors its calls of this attempt met, by call: the apply rethrowing one rethrows the original here. */
  callErrors: Map<number, unknown>;
}

type Answer = unknown;

/**
 * The memory thread's side: one DatabaseManager, the only one of the process, owning every DuckDB instance, its
 * writer and readers. Its group commit, idle close, error classification and quarantine are the manager's own;
 * this only turns messages into its calls and its answers, events and logs into messages.
 */
export class MemoryThreadHost {
  private readonly manager: DatabaseManager;
  private readonly files: DuckDBFiles;
  private readonly jobs = new Map<number, RemoteJob>();
  /** The last snapshot sent per file, so a connection count is sent when it changes, not after every query. */
  private readonly sent = new Map<string, string>();

  constructor(
    options: MemoryThreadOptions,
    private readonly post: (message: FromMemoryThread) => void,
  ) {
    this.manager = new DatabaseManager({ ...options, log: (level, message) => post({ type: 'log', level, message }) });
    this.manager.onStateChange((dbPath) => this.report(dbPath, true));
    this.files = managerFiles(this.manager);
  }

  /** Never throws: a throw out of the thread's message handler would end the thread, and with it the memory. */
  handle(message: ToMemoryThread): void {
    try {
      this.dispatch(message);
    } catch (error) {
      if (message.type === 'txCall')
        this.post({
          type: 'txError',
          id: message.id,
          attempt: message.attempt,
          call: message.call,
          error: toThreadError(error),
        });
      else if (!('attempt' in message)) this.post({ type: 'error', id: message.id, error: toThreadError(error) });
    }
  }

  private dispatch(message: ToMemoryThread): void {
    switch (message.type) {
      case 'query':
        this.answer(
          message.id,
          message.dbPath,
          this.manager.read(message.dbPath, (reader) => reader.query(message.sql, message.params)),
        );
        return;
      case 'operation':
        this.answer(
          message.id,
          message.dbPath,
          this.manager.read(message.dbPath, (reader) =>
            runReadOperation(reader, message.name, message.args as ReadOperationArgs<typeof message.name>),
          ),
        );
        return;
      case 'write':
        this.answer(message.id, null, this.manager.write(message.dbPath, message.rows));
        return;
      case 'transaction':
        this.transaction(message.id, message.dbPath, message);
        return;
      case 'open':
        this.answer(message.id, message.dbPath, this.manager.open(message.dbPath));
        return;
      case 'file':
        this.answer(message.id, message.dbPath, this.fileOperation(message));
        return;
      case 'clearCache':
        this.answer(message.id, null, this.manager.clearCache(message.dbPaths));
        return;
      case 'closeAll':
        this.answer(message.id, null, this.manager.closeAll());
        return;
      case 'txAppend': {
        const job = this.jobs.get(message.id);
        if (job?.attempt === message.attempt) job.transaction?.appendRows(message.rows);
        return;
      }
      case 'txCall':
        this.transactionCall(message);
        return;
      case 'txApplied':
      case 'txFailed': {
        const job = this.jobs.get(message.id);
        if (job === undefined || job.attempt !== message.attempt || job.settle === null) return;
        const { resolve, reject } = job.settle;
        job.settle = null;
        if (message.type === 'txApplied') resolve();
        else {
          const original = message.call === undefined ? undefined : job.callErrors.get(message.call);
          reject(original ?? fromThreadError(message.error));
        }
        return;
      }
    }
  }

  private fileOperation(message: Extract<ToMemoryThread, { type: 'file' }>): Promise<Answer> {
    const { operation } = message;
    return operation.op === 'copyResults'
      ? this.files.copyResults(message.dbPath, operation.executionId, operation.format, operation.file)
      : this.files.exportPyrit(message.dbPath, operation.executionIds, operation.file);
  }

  /**
   * The job's apply() is the main thread's: each time the group commit runs it (again, when a batch is retried job
   * by job) the main thread is asked to run it, and its calls come back as messages until it says how it ended.
   */
  private transaction(id: number, dbPath: string, message: Extract<ToMemoryThread, { type: 'transaction' }>): void {
    const job: RemoteJob = { attempt: 0, transaction: null, settle: null, callErrors: new Map() };
    this.jobs.set(id, job);
    const done = this.manager.transaction(
      dbPath,
      (transaction) =>
        new Promise<void>((resolve, reject) => {
          job.attempt++;
          job.transaction = transaction;
          job.settle = { resolve, reject };
          job.callErrors.clear();
          this.post({ type: 'apply', id, attempt: job.attempt });
        }),
      message.rows,
    );
    this.answer(
      id,
      null,
      done.finally(() => this.jobs.delete(id)),
    );
  }

  private transactionCall(message: Extract<ToMemoryThread, { type: 'txCall' }>): void {
    const { id, attempt, call } = message;
    const job = this.jobs.get(id);
    if (job === undefined || job.attempt !== attempt || job.transaction === null || job.settle === null) {
      const error = toThreadError(new Error('This transaction is over: its calls must finish before apply() returns.'));
      this.post({ type: 'txError', id, attempt, call, error });
      return;
    }
    const transaction = job.transaction;
    const result: Promise<JsonRow[] | undefined> =
      message.kind === 'run'
        ? transaction.run(message.sql, message.params).then(() => undefined)
        : transaction.query(message.sql, message.params);
    result.then(
      (rows) => this.post({ type: 'txResult', id, attempt, call, rows }),
      (error: unknown) => {
        job.callErrors.set(call, error);
        this.post({ type: 'txError', id, attempt, call, error: toThreadError(error) });
      },
    );
  }

  private answer(id: number, dbPath: string | null, work: Promise<Answer | void>): void {
    // The file's figures go first: a caller reading stats() once answered sees what its call changed.
    work.then(
      (value) => {
        if (dbPath !== null) this.report(dbPath, false);
        this.post(value === undefined ? { type: 'result', id } : { type: 'result', id, value });
      },
      (error: unknown) => {
        if (dbPath !== null) this.report(dbPath, false);
        this.post({ type: 'error', id, error: toThreadError(error) });
      },
    );
  }

  /** What the main thread's synchronous stats(), counts and state listeners read, sent when it changed. */
  private report(dbPath: string, changed: boolean): void {
    const stats = this.manager.stats(dbPath);
    const snapshot = {
      state: stats.state,
      last_error: stats.last_error,
      active_connections: stats.active_connections,
    };
    const key = JSON.stringify(snapshot);
    if (!changed && this.sent.get(dbPath) === key) return;
    this.sent.set(dbPath, key);
    this.post({
      type: 'file',
      dbPath,
      snapshot,
      changed,
      openFiles: this.manager.openDatabaseCount(),
      connections: this.manager.totalActiveConnections(),
      duckdbLoaded: isDuckDBLoaded(),
    });
  }
}
