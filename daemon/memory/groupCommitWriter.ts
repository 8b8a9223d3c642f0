import type { Log } from './databaseOpener';
import { assertRoomFor } from './diskSpace';
import { classifyDuckDBError, type ClassifiedFailure } from './duckdbErrors';
import { gateFor } from './fileSystemGate';
import type { OpenDatabase } from './openDatabase';
import {
  abort,
  explainFailure,
  JobFailure,
  resolveAll,
  rewritesRows,
  rowBytes,
  runInTransaction,
  runJobs,
  type QueuedJob,
} from './writeJobs';
import {
  APPEND_ORDER,
  countRows,
  ROW_APPENDERS,
  type AppendTable,
  type RowsByTable,
  type TableRows,
} from './tableRows';
import { nextTurn, SLICE_ROWS } from './writeSlices';
import { AppendFlushError, type WriteTransaction } from './writeTransaction';
import type { DomainError } from '../../domain/errors';

/**
 * One unit a caller wants stored atomically: rows to append and/or statements to run. A job is never split
 * across transactions, so a piece and the score on it that are enqueued together commit together.
 */
export interface WriteJob<T> {
  rows?: RowsByTable;
  apply?: (transaction: WriteTransaction) => Promise<T>;
}

/** What the writer needs from the manager that owns its file. */
export interface WriterHost {
  /** The open database, opening it first if needed (waits for a close in progress). */
  acquire(): Promise<OpenDatabase>;
  /** A batch failed for a reason that is not its rows' fault (invalidated instance, disk, …). */
  onBatchFailure(database: OpenDatabase, failure: ClassifiedFailure): void;
  /** A batch committed: the file is in use. */
  onBatchCommitted(): void;
}

/** A batch whose COMMIT is running on DuckDB's thread; the writer lock is held until it settles. */
interface CommitInFlight {
  database: OpenDatabase;
  batch: QueuedJob[];
  results: unknown[];
  commit: Promise<unknown>;
  release: () => void;
}

type CommitOutcome = { ok: true } | { ok: false; error: unknown };

/** staged: all in the buffers · skipped: none (run it the ordinary way) · failed: some, to be discarded. */
type Staging = 'staged' | 'skipped' | 'failed';

/**
 * Group commit: callers enqueue and await; one drain loop per file takes everything queued (up to a row
 * budget) into ONE transaction, appends it, commits, and only then resolves every caller in it.
 *
 * The loop is pipelined: COMMIT runs on DuckDB's thread, and while it does, the jobs that arrive are fed
 * into the appenders' buffers on this thread (which only fills memory; nothing reaches the table until it is
 * flushed inside the next transaction, after this COMMIT has succeeded). Appending costs about as much as
 * committing, so this keeps both the event loop and DuckDB busy instead of taking turns.
 *
 * Neither appending nor flushing holds the event loop for more than a slice of rows (writeSlices.ts): staged
 * rows go into one set of appenders per slice ("slots"), flushed one slot per turn of the event loop, and a
 * batch appended inside its transaction is flushed every slice.
 */
export class GroupCommitWriter {
  private queue: QueuedJob[] = [];
  /** Taken from the queue and not yet settled: what the crash path must not leave hanging. */
  private readonly taken = new Set<QueuedJob>();
  private outstanding = 0;
  private draining = false;
  /** Wakes the drain loop when it waits for a COMMIT and a new job could be staged meanwhile. */
  private onArrival: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  /** Appender slots a staged batch may fill: a whole batch's budget, one slice each. */
  private readonly stagingSlots: number;

  constructor(
    private readonly dbPath: string,
    private readonly host: WriterHost,
    private readonly maxBatchRows: number,
    private readonly log: Log,
  ) {
    this.stagingSlots = Math.max(1, Math.ceil(maxBatchRows / SLICE_ROWS));
  }

  /** Jobs accepted and not yet committed or failed, including those being committed. */
  get pendingCount(): number {
    return this.outstanding;
  }

  get isIdle(): boolean {
    return !this.draining && this.queue.length === 0;
  }

  enqueue<T>(job: WriteJob<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.outstanding++;
      const queued: QueuedJob = {
        rows: job.rows,
        apply: job.apply,
        rowCount: job.rows === undefined ? 0 : countRows(job.rows),
        resolve: (value) => {
          this.settle(queued);
          resolve(value as T);
        },
        reject: (error) => {
          this.settle(queued);
          reject(error);
        },
      };
      this.queue.push(queued);
      this.onArrival?.();
      this.scheduleDrain();
    });
  }

  private settle(job: QueuedJob): void {
    this.outstanding--;
    this.taken.delete(job);
  }

  /** Back to the head of the line, in order: they were not written. */
  private requeue(jobs: QueuedJob[]): void {
    for (const job of jobs) this.taken.delete(job);
    this.queue.unshift(...jobs);
  }

  /** Resolves once everything queued so far is committed or failed. */
  whenIdle(): Promise<void> {
    if (this.isIdle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    // setImmediate rather than a microtask: every caller that enqueues in this turn of the event loop
    // (e.g. the settled promises of a whole batch of target responses) joins the first transaction.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    let inFlight: CommitInFlight | null = null;
    try {
      while (this.queue.length > 0 || inFlight !== null) {
        if (inFlight !== null) {
          const previous: CommitInFlight = inFlight;
          inFlight = null;
          const { next, staging, outcome, slots } = await this.stageWhileCommitting(previous);
          if (!outcome.ok) {
            // The staged rows must not ride on whatever transaction comes next; they go back in line.
            if (next.length > 0) {
              previous.database.discardAppenders();
              this.requeue(next);
            }
            await this.handleBatchError(previous.database, previous.batch, outcome.error);
            continue;
          }
          this.host.onBatchCommitted();
          resolveAll(previous.batch, previous.results);
          if (next.length === 0) continue;
          if (staging === 'staged') {
            inFlight = await this.startStagedCommit(previous.database, next, slots);
            continue;
          }
          // Buffered rows of a half-staged batch must not be flushed along with the ordinary retry.
          if (staging === 'failed') previous.database.discardAppenders();
          inFlight = await this.startCommit(previous.database, next);
          continue;
        }
        let database: OpenDatabase;
        try {
          database = await this.host.acquire();
        } catch (error) {
          // The file cannot be opened: nothing queued can be stored, and saying so now beats hanging.
          this.rejectJobs(this.queue.splice(0), classifyDuckDBError(error, this.dbPath).error);
          continue;
        }
        inFlight = await this.startCommit(database, this.takeBatch());
      }
    } catch (error) {
      // Only a bug in this file gets here; fail loudly for the jobs rather than leaving callers waiting.
      this.log('error', `group commit writer for ${this.dbPath} crashed: ${String(error)}`);
      const failure = classifyDuckDBError(error, this.dbPath).error;
      inFlight?.release();
      this.rejectJobs([...this.taken, ...this.queue.splice(0)], failure);
    } finally {
      this.draining = false;
      if (this.queue.length > 0) this.scheduleDrain();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * While `previous` commits, keeps feeding whatever arrives into the appenders' buffers, up to the row budget:
   * the next batch is then as large as if the loop had waited for the COMMIT (large batches make each row's
   * share of a COMMIT small), but its appending is already done when the COMMIT returns.
   */
  private async stageWhileCommitting(
    previous: CommitInFlight,
  ): Promise<{ next: QueuedJob[]; staging: Staging; outcome: CommitOutcome; slots: number }> {
    const next: QueuedJob[] = [];
    let staging: Staging = 'staged';
    let rows = 0;
    let slot = 0;
    let outcome: CommitOutcome | undefined;
    const settled = settleCommit(previous).then((result) => {
      outcome = result;
    });
    // The batch just committing was appended in this turn: staging starts in the next.
    await nextTurn();
    while (outcome === undefined) {
      const room = this.maxBatchRows - rows;
      // A job larger than a slice is never staged: its rows would all be appended, then flushed, in one go.
      const stageable = this.queue.length > 0 && this.queue[0].rowCount <= SLICE_ROWS;
      if (staging === 'staged' && slot < this.stagingSlots && stageable && room > 0) {
        const more = this.takeBatch(
          Math.min(SLICE_ROWS, room),
          next.length === 0 || this.queue[0].rowCount <= room,
          next.length === 0 ? undefined : { rewrites: rewritesRows(next[0]) },
        );
        if (more.length > 0) {
          const result = stageRows(previous.database, more, slot);
          if (result === 'skipped' && next.length > 0) {
            // No appender in this slot for one of its tables yet: they wait for the next batch, unbuffered.
            this.requeue(more);
            slot = this.stagingSlots;
            continue;
          }
          staging = result;
          next.push(...more);
          for (const job of more) rows += job.rowCount;
          slot++;
          // One slice per turn of the event loop.
          await nextTurn();
          continue;
        }
      }
      // Nothing (more) to stage now: wake on the COMMIT or on the next arrival, whichever comes first.
      await Promise.race([settled, new Promise<void>((resolve) => (this.onArrival = resolve))]);
      this.onArrival = null;
    }
    return { next, staging: next.length === 0 ? 'skipped' : staging, outcome, slots: slot };
  }

  /**
   * Jobs of one kind only (see rewritesRows): a transaction that rewrites rows is checked for free space and
   * committed alone on its disk, and a run's thousands of appends must not wait behind that every time.
   */
  private takeBatch(budgetRows = this.maxBatchRows, atLeastOne = true, ofKind?: { rewrites: boolean }): QueuedJob[] {
    const rewrites = ofKind?.rewrites ?? (this.queue.length > 0 && rewritesRows(this.queue[0]));
    let rows = 0;
    let count = 0;
    // At least one job when asked, so a job larger than the budget is not stuck forever.
    while (
      count < this.queue.length &&
      rewritesRows(this.queue[count]) === rewrites &&
      ((atLeastOne && count === 0) || rows + this.queue[count].rowCount <= budgetRows)
    ) {
      rows += this.queue[count].rowCount;
      count++;
    }
    const batch = this.queue.splice(0, count);
    for (const job of batch) this.taken.add(job);
    return batch;
  }

  /**
   * BEGIN, the batch's appends and statements, then COMMIT started but not awaited. Returns null when the
   * batch failed before COMMIT (its jobs are then already settled).
   */
  private async startCommit(database: OpenDatabase, batch: QueuedJob[]): Promise<CommitInFlight | null> {
    const rewrites = batch.some(rewritesRows);
    const release = await this.lock(database, rewrites);
    if (this.requeueIfClosed(database, batch, release)) return null;
    let results: unknown[];
    try {
      await database.writer.run('BEGIN TRANSACTION');
      const ran = await runJobs(database, batch);
      results = ran.results;
      if (rewrites) assertRoomFor(this.dbPath, ran.statementBytes + rowBytes(batch));
      else await this.prepareStaging(database, batch);
    } catch (error) {
      await abort(database);
      release();
      await this.handleBatchError(database, batch, error);
      return null;
    }
    return { database, batch, results, commit: database.writer.run('COMMIT'), release };
  }

  /**
   * The batch's rows are already in the appenders' buffers, `slots` of them: flush them in the new transaction,
   * one slot per turn of the event loop and each in key order (a job's rows are all in one slot, and a score's
   * piece is in its slot or an earlier one).
   */
  private async startStagedCommit(
    database: OpenDatabase,
    batch: QueuedJob[],
    slots: number,
  ): Promise<CommitInFlight | null> {
    // Staged batches are appends only (stageRows skips any job with statements).
    const release = await this.lock(database, false);
    if (this.requeueIfClosed(database, batch, release)) return null;
    try {
      await database.writer.run('BEGIN TRANSACTION');
      try {
        for (let slot = 0; slot < slots; slot++) {
          if (slot > 0) await nextTurn();
          for (const table of APPEND_ORDER) database.existingAppender(table, slot)?.flushSync();
        }
      } catch (error) {
        throw new AppendFlushError(error);
      }
      await this.prepareStaging(database, batch);
    } catch (error) {
      await abort(database);
      release();
      await this.handleBatchError(database, batch, error);
      return null;
    }
    return { database, batch, results: batch.map(() => undefined), commit: database.writer.run('COMMIT'), release };
  }

  /**
   * Creates the appenders the next batch can be staged into while this one commits (creating one needs the
   * connection, free only now): every slot, for each table this batch wrote. Once per file and table.
   */
  private async prepareStaging(database: OpenDatabase, batch: readonly QueuedJob[]): Promise<void> {
    for (const table of APPEND_ORDER) {
      if (!batch.some((job) => (job.rows?.[table]?.length ?? 0) > 0)) continue;
      for (let slot = 0; slot < this.stagingSlots; slot++) {
        if (database.existingAppender(table, slot) === undefined) await database.appender(table, slot);
      }
    }
  }

  /**
   * The file system's gate, then the writer connection: always in this order (closing a file takes them in the
   * same order), held until the transaction has settled.
   */
  private async lock(database: OpenDatabase, rewrites: boolean): Promise<() => void> {
    const releaseGate = await gateFor(this.dbPath).acquire(rewrites);
    const releaseWriter = await database.writerLock.acquire();
    return () => {
      releaseWriter();
      releaseGate();
    };
  }

  /**
   * The instance was dropped (a read saw it invalidated) between two batches: this batch was not written,
   * so it goes back to the head of the line and the loop opens the file again.
   */
  private requeueIfClosed(database: OpenDatabase, batch: QueuedJob[], release: () => void): boolean {
    if (!database.isClosed) return false;
    release();
    this.requeue(batch);
    return true;
  }

  private async handleBatchError(database: OpenDatabase, batch: QueuedJob[], error: unknown): Promise<void> {
    const { failure, rowsAtFault } = explainFailure(error, this.dbPath);
    if (rowsAtFault && error instanceof JobFailure) {
      // That job's own statement failed: reject it alone and commit the others without it.
      batch[error.jobIndex].reject(failure.error);
      const rest = batch.filter((_, index) => index !== error.jobIndex);
      if (rest.length > 0) await this.commitOneByOne(database, rest, false);
      return;
    }
    if (rowsAtFault) {
      // Some job's rows are bad and the appender does not say whose: give each job its own transaction, so
      // the good ones are stored and only the culprit hears about it.
      await this.commitOneByOne(database, batch, true);
      return;
    }
    this.failBatch(database, batch, failure);
  }

  /**
   * `isolate`: one transaction per job. Otherwise the rest of a batch whose culprit is known commits together,
   * falling back to one by one only if it fails again.
   */
  private async commitOneByOne(database: OpenDatabase, batch: QueuedJob[], isolate: boolean): Promise<void> {
    if (!isolate) {
      try {
        const results = await runInTransaction(this.dbPath, database, batch);
        this.host.onBatchCommitted();
        resolveAll(batch, results);
        return;
      } catch (error) {
        await this.handleBatchError(database, batch, error);
        return;
      }
    }
    for (let index = 0; index < batch.length; index++) {
      const job = batch[index];
      try {
        const [result] = await runInTransaction(this.dbPath, database, [job]);
        this.host.onBatchCommitted();
        job.resolve(result);
      } catch (error) {
        const { failure, rowsAtFault } = explainFailure(error, this.dbPath);
        if (rowsAtFault) {
          job.reject(failure.error);
          continue;
        }
        this.failBatch(database, batch.slice(index), failure);
        return;
      }
    }
  }

  private failBatch(database: OpenDatabase, batch: QueuedJob[], failure: ClassifiedFailure): void {
    this.log(
      'warn',
      `a batch of ${batch.length} writes to ${this.dbPath} failed (${failure.kind}): ${failure.error.message}`,
    );
    this.rejectJobs(batch, failure.error);
    this.host.onBatchFailure(database, failure);
  }

  private rejectJobs(jobs: QueuedJob[], error: DomainError): void {
    for (const job of jobs) job.reject(error);
  }
}

/**
 * Feeds an append-only batch into the buffers of one slot's appenders. Skips when a job has statements or a table
 * has no appender in that slot yet (creating one needs the connection, which is busy committing); fails when a
 * value does not convert. Either way the batch then runs the ordinary way, which finds the culprit.
 */
function stageRows(database: OpenDatabase, batch: readonly QueuedJob[], slot: number): Staging {
  for (const job of batch) {
    if (job.apply !== undefined || job.rows === undefined) return 'skipped';
    for (const table of APPEND_ORDER) {
      if ((job.rows[table]?.length ?? 0) > 0 && database.existingAppender(table, slot) === undefined) return 'skipped';
    }
  }
  try {
    for (const job of batch) for (const table of APPEND_ORDER) stageTable(database, table, job.rows, slot);
    return 'staged';
  } catch {
    return 'failed';
  }
}

function stageTable<K extends AppendTable>(
  database: OpenDatabase,
  table: K,
  rows: RowsByTable | undefined,
  slot: number,
): void {
  const tableRows: readonly TableRows[K][] | undefined = rows?.[table];
  if (tableRows === undefined || tableRows.length === 0) return;
  const appender = database.existingAppender(table, slot);
  if (appender === undefined) throw new Error(`no appender for ${table} in slot ${slot}`);
  const appendRow = ROW_APPENDERS[table];
  for (const row of tableRows) appendRow(appender, row);
}

async function settleCommit(inFlight: CommitInFlight): Promise<CommitOutcome> {
  try {
    await inFlight.commit;
    return { ok: true };
  } catch (error) {
    await abort(inFlight.database);
    return { ok: false, error };
  } finally {
    inFlight.release();
  }
}
