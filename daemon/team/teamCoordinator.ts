import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { OrchestratorPool } from '../pool';
import type { OrchestratorInstance } from '../orchestrators/instance';
import type { UserMemory } from '../user/userMemory';
import type { MemoryStore } from '../memory';
import type { Budget } from '../../protocol/schemas/usage';
import { processRateLimits } from '../orchestrators/targets/rateLimits';
import { ChunkQueue, type ChunkJob } from './chunkQueue';
import { TeamDatabase } from './teamDatabase';
import { TeamEvents } from './teamEvents';
import { TeamRuns, type ChunkItem, type SharedSpent, type WorkerSeen } from './teamRuns';
import { ensureTeamSchema } from './teamSchema';
import { TeamWorker } from './teamWorker';
import { sharedRateLimiters } from './sharedRateLimiter';
import { recordTeamEnd } from './teamEnd';

export interface TeamSettings {
  url: string;
  /** Input items per job (VUTF_TEAM_CHUNK_SIZE). */
  chunkSize: number;
  /** Chunks this process runs at once; 0: it only enqueues and relays (VUTF_TEAM_WORKER_CONCURRENCY). */
  workerConcurrency: number;
  /** A worker silent this long is lost (VUTF_TEAM_LEASE_SECONDS). */
  leaseSeconds: number;
  connectTimeoutMs: number;
}

export interface TeamProcess {
  memory: UserMemory;
  memoryDir: string;
  pool: OrchestratorPool<OrchestratorInstance>;
  env: Record<string, string | undefined>;
  log: Logger;
}

/** What health shows of the team: the queue and who is working it (refreshed every 5 s and after team events). */
export interface TeamSnapshot {
  queue_depth: number;
  workers: WorkerSeen[];
}

export interface TeamAttempt {
  executionId: string;
  username: string;
  dbPath: string;
  orchestratorId: string;
  total: number;
  items: ChunkItem[];
  completed: number;
  errors: number;
  earlierSeconds: number;
  budget: Budget | null;
  spent: SharedSpent;
  /** The starter's secrets, for this daemon's own worker only: they are never stored or sent on. */
  secrets: Record<string, string>;
}

const WORKERS_SEEN_SECONDS = 60;
const SNAPSHOT_EVERY_MS = 5_000;
/** The queue's backstop for a job active this long (pg-boss allows up to a day): far past any live lease. */
const JOB_EXPIRE_SECONDS = 23 * 3600;

/**
 * Team mode's side of a daemon or a `vutf worker`: enqueues executions as chunks, runs chunks (its worker, if
 * it has concurrency), relays the team's events, and keeps the figures health shows.
 */
export class TeamCoordinator {
  readonly events: TeamEvents;
  readonly runs: TeamRuns;
  private worker: TeamWorker | null = null;
  private readonly localSecrets = new Map<string, { username: string; secrets: Record<string, string> }>();
  private snapshotValue: TeamSnapshot = { queue_depth: 0, workers: [] };
  private snapshotTimer: NodeJS.Timeout | undefined;
  private refreshPending = false;

  private constructor(
    private readonly settings: TeamSettings,
    private readonly process: TeamProcess,
    private readonly database: TeamDatabase,
    private readonly queue: ChunkQueue,
  ) {
    this.events = new TeamEvents(settings.url, (message) => process.log.warn(message));
    this.runs = new TeamRuns(database);
  }

  static async open(settings: TeamSettings, process: TeamProcess): Promise<TeamCoordinator> {
    const database = new TeamDatabase(settings.url, {
      max: 4 + settings.workerConcurrency,
      connectTimeoutMs: settings.connectTimeoutMs,
      onError: (message) => process.log.warn(message),
    });
    try {
      await ensureTeamSchema(database.pool);
      const queue = await ChunkQueue.open(database, {
        expireSeconds: JOB_EXPIRE_SECONDS,
        onError: (error) => process.log.warn(`job queue: ${error.message}`),
      });
      const team = new TeamCoordinator(settings, process, database, queue);
      await team.events.start();
      // Every target this process builds from now on shares its rate limit with the team's other workers.
      processRateLimits.share(sharedRateLimiters(database));
      return team;
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
  }

  /** Starts this process's worker (if it has concurrency) and the health figures' refresh. */
  async startWorking(
    workerId = `${os.hostname()}:${globalThis.process.pid}:${randomUUID().slice(0, 8)}`,
  ): Promise<void> {
    if (this.settings.workerConcurrency > 0) {
      this.worker = new TeamWorker({
        id: workerId,
        host: os.hostname(),
        concurrency: this.settings.workerConcurrency,
        leaseSeconds: this.settings.leaseSeconds,
        pollMs: 2000,
        queue: this.queue,
        events: this.events,
        log: this.process.log,
        chunks: {
          runs: this.runs,
          memory: this.process.memory,
          memoryDir: this.process.memoryDir,
          pool: this.process.pool,
          env: this.process.env,
          log: this.process.log,
          operator: os.userInfo().username,
          localSecrets: (executionId) => this.localSecrets.get(executionId),
        },
      });
      await this.worker.start();
    }
    await this.refreshSnapshot();
    this.snapshotTimer = setInterval(() => void this.refreshSnapshot(), SNAPSHOT_EVERY_MS);
    this.snapshotTimer.unref();
    // Runs queued or ended move the figures at once: refreshed then too (at most once a second), not only on the timer.
    this.events.on((event) => {
      if (event.kind === 'jobs' || event.kind === 'changed') this.refreshSoon();
      // 'changed' is sent when a run's end is recorded: its secrets are not needed here any more.
      if (event.kind === 'changed') this.localSecrets.delete(event.execution_id);
    });
  }

  get activeChunks(): number {
    return this.worker?.activeCount ?? 0;
  }

  get snapshot(): TeamSnapshot {
    return this.snapshotValue;
  }

  /** An attempt of an execution, as jobs of `chunkSize` items each. */
  async enqueue(attempt: TeamAttempt): Promise<void> {
    const memoryFile = path.basename(attempt.dbPath);
    if (Object.keys(attempt.secrets).length > 0)
      this.localSecrets.set(attempt.executionId, { username: attempt.username, secrets: attempt.secrets });
    const chunks: ChunkItem[][] = [];
    for (let start = 0; start < attempt.items.length; start += this.settings.chunkSize)
      chunks.push(attempt.items.slice(start, start + this.settings.chunkSize));
    await this.runs.createAttempt(
      {
        execution_id: attempt.executionId,
        username: attempt.username,
        memory_file: memoryFile,
        orchestrator_id: attempt.orchestratorId,
        total: attempt.total,
        completed: attempt.completed,
        errors: attempt.errors,
        earlier_seconds: attempt.earlierSeconds,
        budget: attempt.budget,
        spent: attempt.spent,
        chunks,
      },
      async (sql, jobs) => {
        const ids = jobs.map(() => ChunkQueue.jobId());
        const data = jobs.map((job): ChunkJob => ({
          execution_id: attempt.executionId,
          attempt: job.attempt,
          chunk_no: job.chunk_no,
          username: attempt.username,
          memory_file: memoryFile,
        }));
        await this.queue.enqueue(
          sql,
          ids.map((id, index) => ({ id, data: data[index] })),
        );
        return ids;
      },
    );
    this.process.log.info(
      `execution ${attempt.executionId}: ${attempt.items.length} item(s) queued as ${chunks.length} chunk(s)`,
    );
  }

  /**
   * Stops the execution on every worker: queued chunks are dropped, running ones stop sending. If none was running,
   * the end is recorded here; otherwise by the worker that finishes the last one.
   */
  async cancel(store: MemoryStore, executionId: string): Promise<void> {
    if ((await this.runs.run(executionId)) === null) {
      // Never queued (stored running by a daemon before team mode): nothing runs it, so it is simply cancelled.
      await store.updateExecution(executionId, { status: 'cancelled', completed_at: new Date() });
      return;
    }
    await this.runs.requestStop(executionId, 'cancelled', null);
    const { jobIds, ended } = await this.runs.dropQueued(executionId);
    await this.queue.cancel(jobIds);
    if (ended !== null) await recordTeamEnd(store, this.runs, ended, new Date());
  }

  async close(): Promise<void> {
    clearInterval(this.snapshotTimer);
    await this.worker?.stop();
    processRateLimits.share(null);
    await this.events.close();
    await this.queue.close().catch(() => undefined);
    await this.database.close().catch(() => undefined);
  }

  private refreshSoon(): void {
    if (this.refreshPending) return;
    this.refreshPending = true;
    setTimeout(() => {
      this.refreshPending = false;
      void this.refreshSnapshot();
    }, 1000).unref();
  }

  private async refreshSnapshot(): Promise<void> {
    try {
      const [depth, workers] = await Promise.all([this.queue.depth(), this.runs.workersSeen(WORKERS_SEEN_SECONDS)]);
      this.snapshotValue = { queue_depth: depth, workers };
    } catch (error) {
      this.process.log.warn(`team figures not refreshed: ${(error as Error).message}`);
    }
  }
}
