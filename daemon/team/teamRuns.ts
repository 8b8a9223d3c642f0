import type { Budget } from '../../protocol/schemas/usage';
import type { TeamDatabase, TeamSql } from './teamDatabase';
import { TEAM_SCHEMA } from './teamSchema';

const S = TEAM_SCHEMA;
/** NOTIFY channel of every team event (teamEvents.ts). */
export const TEAM_CHANNEL = 'vutf_team';

/** One input item of a chunk: its index in the execution, and the errored result a retry takes over. */
export interface ChunkItem {
  key: string;
  supersedes?: string;
}

/** Why an attempt stops before it went through its input: the stored execution ends with the matching status. */
export type TeamStopReason = 'cancelled' | 'budget_exhausted' | 'failed';

/** An attempt of an execution as the team schema keeps it: what every worker adds its figures to. */
export interface TeamRun {
  execution_id: string;
  username: string;
  memory_file: string;
  orchestrator_id: string;
  attempt: number;
  total: number;
  completed: number;
  errors: number;
  started_at: Date;
  earlier_seconds: number;
  stop_reason: TeamStopReason | null;
  stop_detail: string | null;
  ended: boolean;
  sent: number;
  latency_total_ms: number;
  budget: Budget | null;
}

export interface ChunkKey {
  execution_id: string;
  attempt: number;
  chunk_no: number;
}

/** What a worker needs to run a claimed chunk. */
export interface ClaimedChunk {
  run: TeamRun;
  items: ChunkItem[];
}

/** An execution's shared spending: every worker's meter reserves and settles against these. */
export interface SharedSpent {
  requests: number;
  tokens: number;
  costUsd: number;
}

export interface NewAttempt {
  execution_id: string;
  username: string;
  memory_file: string;
  orchestrator_id: string;
  total: number;
  /** Items of earlier attempts with a stored result, and how many of those errored. */
  completed: number;
  errors: number;
  earlier_seconds: number;
  budget: Budget | null;
  spent: SharedSpent;
  chunks: ChunkItem[][];
}

export interface WorkerSeen {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  active_chunks: number;
  chunks_done: number;
  last_seen: string;
}

const RUN_COLUMNS = `execution_id, username, memory_file, orchestrator_id, attempt, total, completed, errors,
  started_at, earlier_seconds, stop_reason, stop_detail, ended, sent::FLOAT8 AS sent, latency_total_ms, budget`;

interface RunRow extends Omit<TeamRun, 'sent'> {
  sent: number;
}

function runOf(row: RunRow): TeamRun {
  return { ...row, sent: Number(row.sent) };
}

/** The notification every attached daemon relays as executions/progress. */
function progressNotice(alias: string): string {
  return `pg_notify('${TEAM_CHANNEL}', json_build_object('kind', 'progress', 'execution_id', ${alias}.execution_id,
    'username', ${alias}.username, 'memory_file', ${alias}.memory_file, 'orchestrator_id', ${alias}.orchestrator_id,
    'completed', ${alias}.completed, 'total', ${alias}.total, 'errors', ${alias}.errors)::text)`;
}

/**
 * The state of executions spread over workers, in the team schema. Every change a worker and a client can race
 * on is one statement or one transaction holding the run's row lock, so of two workers finishing the last two
 * chunks at once exactly one is told to record the end, and a chunk is claimed by one worker at a time.
 */
export class TeamRuns {
  constructor(private readonly database: TeamDatabase) {}

  /**
   * A new attempt (a start, or a resume): its run row, its chunks, and — in the same transaction, so no job
   * points at a chunk that is not there — their jobs, through `enqueue`.
   */
  async createAttempt(
    attempt: NewAttempt,
    enqueue: (sql: TeamSql, jobs: { chunk_no: number; attempt: number }[]) => Promise<string[]>,
  ): Promise<number> {
    return this.database.transaction(async (sql) => {
      const { rows } = await sql.query<{ attempt: number }>(
        `INSERT INTO ${S}.runs AS r (execution_id, username, memory_file, orchestrator_id, attempt, total, completed,
           errors, earlier_seconds, budget, requests, tokens, cost_usd)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (execution_id) DO UPDATE SET attempt = r.attempt + 1, total = EXCLUDED.total,
           completed = EXCLUDED.completed, errors = EXCLUDED.errors, earlier_seconds = EXCLUDED.earlier_seconds,
           budget = EXCLUDED.budget, requests = EXCLUDED.requests, tokens = EXCLUDED.tokens,
           cost_usd = EXCLUDED.cost_usd, started_at = clock_timestamp(), stop_reason = NULL, stop_detail = NULL,
           ended = FALSE, sent = 0, latency_total_ms = 0
         RETURNING attempt`,
        [
          attempt.execution_id,
          attempt.username,
          attempt.memory_file,
          attempt.orchestrator_id,
          attempt.total,
          attempt.completed,
          attempt.errors,
          attempt.earlier_seconds,
          attempt.budget === null ? null : JSON.stringify(attempt.budget),
          attempt.spent.requests,
          attempt.spent.tokens,
          attempt.spent.costUsd,
        ],
      );
      const number = rows[0].attempt;
      const jobs = attempt.chunks.map((_, chunkNo) => ({ chunk_no: chunkNo, attempt: number }));
      const jobIds = await enqueue(sql, jobs);
      for (let start = 0; start < attempt.chunks.length; start += 500) {
        const slice = attempt.chunks.slice(start, start + 500);
        await sql.query(
          `INSERT INTO ${S}.chunks (execution_id, attempt, chunk_no, items, job_id)
           SELECT $1, $2, chunk_no, items, job_id
           FROM unnest($3::INTEGER[], $4::JSONB[], $5::TEXT[]) AS c(chunk_no, items, job_id)`,
          [
            attempt.execution_id,
            number,
            slice.map((_, index) => start + index),
            slice.map((items) => JSON.stringify(items)),
            jobIds.slice(start, start + slice.length),
          ],
        );
      }
      // An attempt with nothing to send (every item answered) is over as soon as it starts.
      if (attempt.chunks.length === 0)
        await sql.query(`UPDATE ${S}.runs SET ended = TRUE WHERE execution_id = $1`, [attempt.execution_id]);
      await sql.query(`SELECT pg_notify('${TEAM_CHANNEL}', '{"kind":"jobs"}')`);
      return number;
    });
  }

  async run(executionId: string): Promise<TeamRun | null> {
    const { rows } = await this.database.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${S}.runs WHERE execution_id = $1`, [
      executionId,
    ]);
    return rows[0] === undefined ? null : runOf(rows[0]);
  }

  /** The chunk for this worker, if it is still queued in the run's current attempt (else: stale or taken). */
  async claim(workerId: string, chunk: ChunkKey): Promise<ClaimedChunk | null> {
    const { rows } = await this.database.query<{ items: ChunkItem[] }>(
      `UPDATE ${S}.chunks c SET state = 'running', worker_id = $4, claims = c.claims + 1
       FROM ${S}.runs r
       WHERE c.execution_id = $1 AND c.attempt = $2 AND c.chunk_no = $3 AND c.state = 'queued'
         AND r.execution_id = c.execution_id AND r.attempt = c.attempt AND NOT r.ended
       RETURNING c.items`,
      [chunk.execution_id, chunk.attempt, chunk.chunk_no, workerId],
    );
    if (rows[0] === undefined) return null;
    const run = await this.run(chunk.execution_id);
    return run === null ? null : { run, items: rows[0].items };
  }

  /**
   * The worker is done with its chunk (finished, stopped or skipped). Resolves with the run when this was the
   * attempt's last chunk: the caller then records the execution's end, and nobody else will.
   */
  async finish(
    workerId: string,
    chunk: ChunkKey,
    figures: { sent: number; latencyTotalMs: number },
  ): Promise<{ counted: boolean; ended: TeamRun | null }> {
    return this.database.transaction(async (sql) => {
      await sql.query(`SELECT 1 FROM ${S}.runs WHERE execution_id = $1 FOR UPDATE`, [chunk.execution_id]);
      const done = await sql.query(
        `UPDATE ${S}.chunks SET state = 'done'
         WHERE execution_id = $1 AND attempt = $2 AND chunk_no = $3 AND state = 'running' AND worker_id = $4`,
        [chunk.execution_id, chunk.attempt, chunk.chunk_no, workerId],
      );
      // Not ours any more (taken back from a worker thought lost): its figures are the new holder's to add.
      if (done.rowCount === 0) return { counted: false, ended: null };
      await sql.query(
        `UPDATE ${S}.runs SET sent = sent + $2, latency_total_ms = latency_total_ms + $3
         WHERE execution_id = $1 AND attempt = $4`,
        [chunk.execution_id, figures.sent, figures.latencyTotalMs, chunk.attempt],
      );
      await sql.query(`UPDATE ${S}.workers SET chunks_done = chunks_done + 1 WHERE id = $1`, [workerId]);
      return { counted: true, ended: await this.endIfLast(sql, chunk.execution_id, chunk.attempt) };
    });
  }

  /** Gives a chunk back (its worker is stopping): queued again, for whoever takes its job's retry. */
  async release(workerId: string, chunk: ChunkKey): Promise<boolean> {
    const result = await this.database.query(
      `UPDATE ${S}.chunks SET state = 'queued', worker_id = NULL
       WHERE execution_id = $1 AND attempt = $2 AND chunk_no = $3 AND state = 'running' AND worker_id = $4`,
      [chunk.execution_id, chunk.attempt, chunk.chunk_no, workerId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /**
   * Stops the attempt for every worker (the first reason wins: a cancel after the budget ran out stays
   * budget_exhausted), and tells them at once. Resolves false if the attempt had already stopped or ended.
   */
  async requestStop(executionId: string, reason: TeamStopReason, detail: string | null): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `WITH stopped AS (
         UPDATE ${S}.runs SET stop_reason = $2, stop_detail = $3
         WHERE execution_id = $1 AND stop_reason IS NULL AND NOT ended RETURNING execution_id)
       SELECT pg_notify('${TEAM_CHANNEL}', json_build_object('kind', 'stop', 'execution_id', execution_id,
         'reason', $2::TEXT)::text)
       FROM stopped`,
      [executionId, reason, detail],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * After a stop: the chunks no worker took yet are done with, unsent. Returns their jobs (to cancel in the queue)
   * and the run if nothing else of the attempt is running (the caller records the end).
   */
  async dropQueued(executionId: string): Promise<{ jobIds: string[]; ended: TeamRun | null }> {
    return this.database.transaction(async (sql) => {
      const { rows: locked } = await sql.query<{ attempt: number }>(
        `SELECT attempt FROM ${S}.runs WHERE execution_id = $1 FOR UPDATE`,
        [executionId],
      );
      if (locked[0] === undefined) return { jobIds: [], ended: null };
      const { attempt } = locked[0];
      const { rows } = await sql.query<{ job_id: string }>(
        `UPDATE ${S}.chunks SET state = 'done'
         WHERE execution_id = $1 AND attempt = $2 AND state = 'queued' RETURNING job_id`,
        [executionId, attempt],
      );
      return { jobIds: rows.map((row) => row.job_id), ended: await this.endIfLast(sql, executionId, attempt) };
    });
  }

  /** Adds a worker's answered items to the run's figures and tells every attached daemon. */
  async addProgress(executionId: string, attempt: number, completed: number, errors: number): Promise<void> {
    await this.database.query(
      `WITH r AS (
         UPDATE ${S}.runs SET completed = completed + $3, errors = errors + $4
         WHERE execution_id = $1 AND attempt = $2 RETURNING *)
       SELECT ${progressNotice('r')} FROM r`,
      [executionId, attempt, completed, errors],
    );
  }

  /** A model call may start only if the execution's request budget has room: taken in one statement, so N holds. */
  async reserveRequest(executionId: string, maxRequests: number | null): Promise<SharedSpent | null> {
    const { rows } = await this.database.query<{ requests: string; tokens: string; cost_usd: number }>(
      `UPDATE ${S}.runs SET requests = requests + 1
       WHERE execution_id = $1 AND ($2::BIGINT IS NULL OR requests < $2)
       RETURNING requests, tokens, cost_usd`,
      [executionId, maxRequests],
    );
    return rows[0] === undefined ? null : spentOf(rows[0]);
  }

  /** What a finished call used, added to every worker's view of the execution's spending. */
  async settle(executionId: string, tokens: number, costUsd: number): Promise<SharedSpent | null> {
    const { rows } = await this.database.query<{ requests: string; tokens: string; cost_usd: number }>(
      `UPDATE ${S}.runs SET tokens = tokens + $2, cost_usd = cost_usd + $3 WHERE execution_id = $1
       RETURNING requests, tokens, cost_usd`,
      [executionId, tokens, costUsd],
    );
    return rows[0] === undefined ? null : spentOf(rows[0]);
  }

  async registerWorker(worker: { id: string; host: string; pid: number; concurrency: number }): Promise<void> {
    await this.database.query(
      `INSERT INTO ${S}.workers (id, host, pid, concurrency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET last_seen = clock_timestamp(), stopped = FALSE`,
      [worker.id, worker.host, worker.pid, worker.concurrency],
    );
  }

  /**
   * The worker is alive; resolves with those of its chunks that are no longer its own (taken back while it was
   * silent too long): it must stop sending them.
   */
  async heartbeat(workerId: string, active: readonly ChunkKey[]): Promise<ChunkKey[]> {
    await this.database.query(
      `UPDATE ${S}.workers SET last_seen = clock_timestamp(), active_chunks = $2, stopped = FALSE WHERE id = $1`,
      [workerId, active.length],
    );
    if (active.length === 0) return [];
    const { rows } = await this.database.query<ChunkKey>(
      `SELECT c.execution_id, c.attempt, c.chunk_no
       FROM unnest($2::TEXT[], $3::INTEGER[], $4::INTEGER[]) AS a(execution_id, attempt, chunk_no)
       JOIN ${S}.chunks c USING (execution_id, attempt, chunk_no)
       WHERE c.state <> 'running' OR c.worker_id IS DISTINCT FROM $1`,
      [workerId, active.map((c) => c.execution_id), active.map((c) => c.attempt), active.map((c) => c.chunk_no)],
    );
    return rows;
  }

  /**
   * Chunks held by workers not heard from for `leaseSeconds` go back to the queue; resolves with their jobs, which
   * the caller fails so that the queue retries them at once. The chunk is queued before its job is: a job taken
   * again always finds its chunk claimable.
   */
  async reclaimSilent(leaseSeconds: number): Promise<{ jobIds: string[]; workers: string[] }> {
    const { rows } = await this.database.query<{ job_id: string; worker_id: string }>(
      `WITH silent AS (
         SELECT id FROM ${S}.workers WHERE last_seen < clock_timestamp() - make_interval(secs => $1)),
       old AS (
         SELECT c.execution_id, c.attempt, c.chunk_no, c.worker_id FROM ${S}.chunks c
         WHERE c.state = 'running' AND c.worker_id IN (SELECT id FROM silent) FOR UPDATE)
       UPDATE ${S}.chunks c SET state = 'queued', worker_id = NULL
       FROM old WHERE c.execution_id = old.execution_id AND c.attempt = old.attempt AND c.chunk_no = old.chunk_no
       RETURNING c.job_id, old.worker_id`,
      [leaseSeconds],
    );
    return { jobIds: rows.map((row) => row.job_id), workers: [...new Set(rows.map((row) => row.worker_id))] };
  }

  /** Tells every attached daemon that the execution's stored row changed (it ended, say). */
  async notifyChanged(run: Pick<TeamRun, 'execution_id' | 'username' | 'memory_file'>): Promise<void> {
    await this.database.query(`SELECT pg_notify('${TEAM_CHANNEL}', $1)`, [
      JSON.stringify({
        kind: 'changed',
        execution_id: run.execution_id,
        username: run.username,
        memory_file: run.memory_file,
      }),
    ]);
  }

  async stopWorker(workerId: string): Promise<void> {
    await this.database.query(`UPDATE ${S}.workers SET stopped = TRUE, active_chunks = 0 WHERE id = $1`, [workerId]);
  }

  /** Workers heard from within `seconds` and not stopped. */
  async workersSeen(seconds: number): Promise<WorkerSeen[]> {
    const { rows } = await this.database.query<WorkerSeen & { chunks_done: string }>(
      `SELECT id, host, pid, concurrency, active_chunks, chunks_done, last_seen::TEXT AS last_seen FROM ${S}.workers
       WHERE NOT stopped AND last_seen > clock_timestamp() - make_interval(secs => $1) ORDER BY host, pid`,
      [seconds],
    );
    return rows.map((row) => ({ ...row, chunks_done: Number(row.chunks_done) }));
  }

  /** Under the run's row lock: marks the attempt ended if none of its chunks is left, and says so once. */
  private async endIfLast(sql: TeamSql, executionId: string, attempt: number): Promise<TeamRun | null> {
    const { rows } = await sql.query<RunRow>(
      `UPDATE ${S}.runs SET ended = TRUE
       WHERE execution_id = $1 AND attempt = $2 AND NOT ended AND NOT EXISTS (
         SELECT 1 FROM ${S}.chunks WHERE execution_id = $1 AND attempt = $2 AND state <> 'done')
       RETURNING ${RUN_COLUMNS}`,
      [executionId, attempt],
    );
    return rows[0] === undefined ? null : runOf(rows[0]);
  }
}

function spentOf(row: { requests: string; tokens: string; cost_usd: number }): SharedSpent {
  return { requests: Number(row.requests), tokens: Number(row.tokens), costUsd: Number(row.cost_usd) };
}
