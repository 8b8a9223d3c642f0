import { assertRoomFor } from './diskSpace';
import { classifyDuckDBError, type ClassifiedFailure } from './duckdbErrors';
import { gateFor } from './fileSystemGate';
import type { OpenDatabase } from './openDatabase';
import type { RowsByTable } from './tableRows';
import { AppendFlushError, BatchTransaction, type WriteTransaction } from './writeTransaction';
import { DomainError } from '../../domain/errors';

/** What the group commit writer keeps of a job between its enqueue and its COMMIT (groupCommitWriter.ts). */
export interface QueuedJob {
  rows: RowsByTable | undefined;
  apply: ((transaction: WriteTransaction) => Promise<unknown>) | undefined;
  rowCount: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A job's own apply() threw: that job, and only that job, is at fault. */
export class JobFailure extends Error {
  constructor(
    readonly jobIndex: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export function resolveAll(batch: readonly QueuedJob[], results: readonly unknown[]): void {
  for (let index = 0; index < batch.length; index++) batch[index].resolve(results[index]);
}

/** DuckDB has already ended the transaction if COMMIT itself failed; ROLLBACK then just says so. */
export async function abort(database: OpenDatabase): Promise<void> {
  database.discardAppenders();
  await database.writer.run('ROLLBACK').catch(() => undefined);
}

/**
 * Whether the jobs' own data caused the failure (only they fail) or the database did (the batch fails and the
 * file may need reopening). An error a job's code threw on purpose (NotFound, …) is that job's answer.
 */
export function explainFailure(error: unknown, dbPath: string): { failure: ClassifiedFailure; rowsAtFault: boolean } {
  if (error instanceof JobFailure) {
    if (error.cause instanceof DomainError) return { failure: { kind: 'data', error: error.cause }, rowsAtFault: true };
    const failure = classifyDuckDBError(error.cause, dbPath);
    return { failure, rowsAtFault: failure.kind === 'data' || failure.kind === 'other' };
  }
  const failure = classifyDuckDBError(error instanceof AppendFlushError ? error.cause : error, dbPath);
  return { failure, rowsAtFault: failure.kind === 'data' };
}

/**
 * A whole transaction, awaited: for the retries that follow a failed batch. They retry jobs whose earlier
 * transaction was rolled back before or at its COMMIT (a job's own statement failed, or a row was bad), never one
 * whose COMMIT may have landed: a failure of the database itself fails the batch (handleBatchError).
 */
export async function runInTransaction(
  dbPath: string,
  database: OpenDatabase,
  jobs: readonly QueuedJob[],
): Promise<unknown[]> {
  const rewrites = jobs.some(rewritesRows);
  return gateFor(dbPath).run(rewrites, () =>
    database.writerLock.runExclusive(async () => {
      try {
        await database.writer.run('BEGIN TRANSACTION');
        const { results, statementBytes } = await runJobs(database, jobs);
        if (rewrites) assertRoomFor(dbPath, statementBytes + rowBytes(jobs));
        await database.writer.run('COMMIT');
        return results;
      } catch (error) {
        await abort(database);
        throw error;
      }
    }),
  );
}

/**
 * Whether a job runs statements (which may rewrite whole rows: see diskSpace.ts) rather than only appending
 * rows. Which statement a job runs is its own business, so every one is treated as a possible rewrite.
 */
export function rewritesRows(job: QueuedJob): boolean {
  return job.apply !== undefined;
}

/**
 * Appends and applies each job inside the open transaction; everything is flushed when it returns. Also says how
 * many bytes of parameters its statements passed, for the free-space check.
 */
export async function runJobs(
  database: OpenDatabase,
  jobs: readonly QueuedJob[],
): Promise<{ results: unknown[]; statementBytes: number }> {
  const transaction = new BatchTransaction(database);
  const results: unknown[] = [];
  for (let index = 0; index < jobs.length; index++) {
    const job = jobs[index];
    if (job.rows !== undefined) transaction.appendRows(job.rows);
    if (job.apply === undefined) {
      results.push(undefined);
      continue;
    }
    try {
      results.push(await job.apply(transaction));
    } catch (error) {
      // A flush triggered by this job's statement may have failed on an earlier job's rows.
      throw error instanceof AppendFlushError ? error : new JobFailure(index, error);
    }
  }
  await transaction.flushAppends();
  return { results, statementBytes: transaction.statementBytes };
}

/**
 * About how many bytes the jobs' rows take: their JSON length. Only asked of jobs with statements (a label, a
 * retried prompt), whose rows are few; a run's large append batches are never measured.
 */
export function rowBytes(jobs: readonly QueuedJob[]): number {
  let bytes = 0;
  for (const job of jobs) {
    if (job.rows === undefined) continue;
    bytes += JSON.stringify(job.rows, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ).length;
  }
  return bytes;
}
