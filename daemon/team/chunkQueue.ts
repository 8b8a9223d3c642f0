import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { TeamDatabase, TeamSql } from './teamDatabase';
import { QUEUE_SCHEMA } from './teamSchema';

/** What a job names: one chunk of one attempt of an execution, and whose memory it writes to. */
export interface ChunkJob {
  execution_id: string;
  attempt: number;
  chunk_no: number;
  username: string;
  /** The user's memory file name (`pyrit_memory_<hash>.db`): it names their schema on every machine. */
  memory_file: string;
}

export interface ClaimedJob {
  id: string;
  data: ChunkJob;
}

export const CHUNK_QUEUE = 'vutf-execution-chunks';

/** As many retries as a chunk could need: a retry is a worker lost or released, never the chunk's own failure. */
const RETRY_LIMIT = 1000;

function isChunkJob(value: unknown): value is ChunkJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>;
  return (
    typeof job.execution_id === 'string' &&
    typeof job.attempt === 'number' &&
    typeof job.chunk_no === 'number' &&
    typeof job.username === 'string' &&
    typeof job.memory_file === 'string'
  );
}

function adapter(sql: TeamSql): PgBoss.Db {
  return { executeSql: (text, values) => sql.query(text, values) };
}

/**
 * The executions' chunks as pg-boss jobs (pg-boss 10: the last line that runs on Node 20; docs/team.md says why
 * this queue). pg-boss keeps the jobs, their states and retries; which worker runs a chunk, and when a silent
 * worker's chunk goes back, is kept beside it in the team schema (teamRuns.ts), because pg-boss 10 cannot extend
 * a job's lease while a long chunk runs.
 */
export class ChunkQueue {
  private constructor(private readonly boss: PgBoss) {}

  /**
   * `expireSeconds` is the backstop only: a job active that long is retried even if its worker still beats. It is
   * far longer than a heartbeat's lease so that a slow but live chunk is never sent twice.
   */
  static async open(
    database: TeamDatabase,
    options: { expireSeconds: number; onError(error: Error): void },
  ): Promise<ChunkQueue> {
    const boss = new PgBoss({
      db: adapter(database),
      schema: QUEUE_SCHEMA,
      schedule: false,
      // Its maintenance expires a job that outlived expireSeconds; it runs in one process at a time (a lock).
      supervise: true,
      maintenanceIntervalSeconds: 60,
    });
    boss.on('error', options.onError);
    await boss.start();
    await boss.createQueue(CHUNK_QUEUE, {
      name: CHUNK_QUEUE,
      retryLimit: RETRY_LIMIT,
      retryDelay: 0,
      expireInSeconds: options.expireSeconds,
    });
    return new ChunkQueue(boss);
  }

  /** Fresh job ids, so the chunks' rows can name their jobs in the transaction that enqueues them. */
  static jobId(): string {
    return randomUUID();
  }

  /** Enqueues within the caller's transaction: the chunks' rows and their jobs commit together or not at all. */
  async enqueue(sql: TeamSql, jobs: readonly { id: string; data: ChunkJob }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((job) => ({ id: job.id, name: CHUNK_QUEUE, data: job.data })),
      { db: adapter(sql) },
    );
  }

  async fetch(): Promise<ClaimedJob | null> {
    const jobs = await this.boss.fetch<unknown>(CHUNK_QUEUE, { batchSize: 1 });
    const job = jobs?.[0];
    if (job === undefined) return null;
    if (!isChunkJob(job.data)) {
      // Not one of ours (a newer daemon's format, or written by hand): done with, never run half-understood.
      await this.boss.fail(CHUNK_QUEUE, job.id, { message: 'not a ViolentUTF chunk job' });
      return this.fetch();
    }
    return { id: job.id, data: job.data };
  }

  async complete(id: string): Promise<void> {
    await this.boss.complete(CHUNK_QUEUE, id);
  }

  /** Back to the queue at once (a retry): another worker, or this one later, sends what it left unanswered. */
  async release(ids: readonly string[], why: string): Promise<void> {
    for (const id of ids) await this.boss.fail(CHUNK_QUEUE, id, { message: why });
  }

  /** Jobs never to run (their execution was cancelled before a worker took them). */
  async cancel(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.boss.cancel(CHUNK_QUEUE, [...ids]);
  }

  /** Jobs waiting for a worker (created or waiting for a retry). */
  async depth(): Promise<number> {
    return (await this.boss.getQueueSize(CHUNK_QUEUE)) ?? 0;
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, close: false, wait: true });
  }
}
