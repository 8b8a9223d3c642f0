import path from 'node:path';
import { DatabaseUnavailableError } from '../../domain/errors';
import type { Logger } from '../log';
import type { ChunkQueue, ClaimedJob } from './chunkQueue';
import { runChunk, type ChunkContext } from './chunkRun';
import { recordTeamEnd } from './teamEnd';
import type { TeamEvents } from './teamEvents';
import type { ChunkKey } from './teamRuns';

export interface TeamWorkerOptions {
  id: string;
  host: string;
  concurrency: number;
  /** A worker not heard from for this long is lost: its chunks go back to the queue. */
  leaseSeconds: number;
  /** How often an idle slot asks the queue when no NOTIFY woke it. */
  pollMs: number;
  queue: ChunkQueue;
  events: TeamEvents;
  chunks: ChunkContext;
  log: Logger;
}

/** Why a running chunk was stopped from outside its run. */
type AbortReason = 'stop' | 'release' | 'lost';

interface ActiveChunk {
  job: ClaimedJob;
  controller: AbortController;
  /** Stops taking items but lets calls in flight finish (another worker's budget or failure stopped the run). */
  finish: AbortController;
}

function keyOf(job: ClaimedJob): ChunkKey {
  return { execution_id: job.data.execution_id, attempt: job.data.attempt, chunk_no: job.data.chunk_no };
}

function describe(job: ClaimedJob): string {
  return `chunk ${job.data.chunk_no} of execution ${job.data.execution_id} (attempt ${job.data.attempt}, user ${job.data.username})`;
}

/**
 * Takes chunks from the queue, `concurrency` at a time, and runs them (chunkRun.ts). It beats every third of its
 * lease; on each beat it also takes back the chunks of workers silent for a lease (killed with -9, say) and stops
 * those of its own that were taken back from it. Stopping it releases its chunks at once: what they left
 * unanswered goes to the queue for another worker.
 */
export class TeamWorker {
  private stopping = false;
  private readonly active = new Map<string, ActiveChunk>();
  private readonly sleepers = new Set<() => void>();
  private slots: Promise<void>[] = [];
  private beatTimer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();
  private unlisten: (() => void) | undefined;

  constructor(private readonly options: TeamWorkerOptions) {}

  get activeCount(): number {
    return this.active.size;
  }

  async start(): Promise<void> {
    const { id, host, concurrency, chunks } = this.options;
    await chunks.runs.registerWorker({ id, host, pid: process.pid, concurrency });
    this.unlisten = this.options.events.on((event) => {
      if (event.kind === 'jobs') this.wake();
      else if (event.kind === 'stop') this.stopExecution(event.execution_id, event.reason === 'cancelled');
    });
    this.beatTimer = setInterval(
      () => {
        this.beating = this.beating.then(() => this.beat());
      },
      (this.options.leaseSeconds * 1000) / 3,
    );
    this.slots = Array.from({ length: concurrency }, (_, slot) => this.slot(slot));
    this.options.log.info(`worker ${id} on ${host}: taking chunks, ${concurrency} at a time`);
  }

  /** Graceful stop: no new chunk; running ones stop sending and go back to the queue with what they left. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unlisten?.();
    clearInterval(this.beatTimer);
    for (const wake of this.sleepers) wake();
    for (const chunk of this.active.values()) chunk.controller.abort('release' satisfies AbortReason);
    await Promise.all(this.slots);
    await this.beating;
    await this.options.chunks.runs.stopWorker(this.options.id).catch(() => undefined);
    this.options.log.info(`worker ${this.options.id}: stopped`);
  }

  private wake(): void {
    for (const wake of this.sleepers) wake();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async slot(slot: number): Promise<void> {
    while (!this.stopping) {
      let job: ClaimedJob | null;
      try {
        job = await this.options.queue.fetch();
      } catch (error) {
        this.options.log.warn(
          `worker ${this.options.id} slot ${slot}: the queue is unreachable: ${(error as Error).message}`,
        );
        await this.pause(2000);
        continue;
      }
      if (job === null) {
        await this.pause(this.options.pollMs);
        continue;
      }
      await this.take(job);
    }
  }

  private async take(job: ClaimedJob): Promise<void> {
    const { chunks, queue, log, id } = this.options;
    const key = keyOf(job);
    const claimed = await chunks.runs.claim(id, key).catch((error: Error) => {
      log.warn(`worker ${id}: could not claim ${describe(job)}: ${error.message}`);
      return undefined;
    });
    if (claimed === undefined) {
      await queue.release([job.id], 'could not be claimed').catch(() => undefined);
      return;
    }
    if (claimed === null) {
      // Stale (an earlier attempt's, or done with by a cancel): nothing to send.
      await queue.complete(job.id).catch(() => undefined);
      return;
    }
    const controller = new AbortController();
    const finish = new AbortController();
    this.active.set(job.id, { job, controller, finish });
    // A stop that came while the claim was on its way found nothing to release: this chunk goes back too.
    if (this.stopping) controller.abort('release' satisfies AbortReason);
    let figures = { sent: 0, latencyTotalMs: 0 };
    let store: Awaited<ReturnType<typeof runChunk>>['store'] | undefined;
    // The memory went away mid-chunk: nothing unstored is lost, the chunk goes back and is sent when it is back.
    let unavailable = false;
    try {
      if (claimed.run.stop_reason === null) {
        log.info(`worker ${id}: running ${describe(job)}, ${claimed.items.length} items`);
        const outcome = await runChunk(chunks, job.data, claimed, {
          abort: controller.signal,
          finish: finish.signal,
        });
        figures = { sent: outcome.sent, latencyTotalMs: outcome.latencyTotalMs };
        store = outcome.store;
      }
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof DatabaseUnavailableError) {
        unavailable = true;
        log.warn(
          `worker ${id}: ${describe(job)} stopped, the memory is unavailable (${message}); it goes back to the queue`,
        );
      } else if (!controller.signal.aborted) {
        log.error(`worker ${id}: ${describe(job)} failed: ${(error as Error).stack ?? message}`);
        await this.persist('stop the execution', () =>
          chunks.runs.requestStop(job.data.execution_id, 'failed', `${message} (worker ${id})`),
        ).catch(() => undefined);
      }
    } finally {
      this.active.delete(job.id);
    }
    const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : undefined;
    try {
      if (reason === 'lost') {
        log.warn(`worker ${id}: ${describe(job)} was taken back while this worker was silent; left to its new holder`);
        return;
      }
      if (reason === 'release' || unavailable) {
        if (await this.persist('release a chunk', () => chunks.runs.release(id, key)))
          await this.persist('release a job', () => queue.release([job.id], `released by worker ${id}`));
        log.info(`worker ${id}: released ${describe(job)}`);
        return;
      }
      const { counted, ended } = await this.persist('finish a chunk', () => chunks.runs.finish(id, key, figures));
      if (!counted) return;
      await this.persist('complete a job', () => queue.complete(job.id));
      log.info(`worker ${id}: finished ${describe(job)}: ${figures.sent} sent`);
      if (ended !== null) {
        const memoryStore =
          store ?? (await chunks.memory.storeFor(path.join(chunks.memoryDir, path.basename(job.data.memory_file))));
        await this.persist('record the end of an execution', () =>
          recordTeamEnd(memoryStore, chunks.runs, ended, new Date()),
        );
        log.info(`worker ${id}: execution ${ended.execution_id} ended (its last chunk was this one)`);
      }
    } catch (error) {
      log.error(`worker ${id}: gave up on the bookkeeping of ${describe(job)}: ${(error as Error).message}`);
    }
  }

  /**
   * The team's bookkeeping must land, or a chunk would stay claimed by a live worker forever: retried while the
   * database is away, until it is back or this worker stops (then its silence gives the chunk to another).
   */
  private async persist<T>(what: string, apply: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await apply();
      } catch (error) {
        if (tries === 1)
          this.options.log.warn(`worker ${this.options.id}: could not ${what} (${(error as Error).message}); retrying`);
        if (this.stopping && tries >= 3) throw error;
        await this.pause(Math.min(5000, 500 * tries));
      }
    }
  }

  private stopExecution(executionId: string, cancelled: boolean): void {
    for (const chunk of this.active.values())
      if (chunk.job.data.execution_id === executionId) {
        if (cancelled) chunk.controller.abort('stop' satisfies AbortReason);
        else chunk.finish.abort('stop');
      }
  }

  private async beat(): Promise<void> {
    const { chunks, queue, log, id, leaseSeconds } = this.options;
    try {
      const active = [...this.active.values()];
      const lost = await chunks.runs.heartbeat(
        id,
        active.map((chunk) => keyOf(chunk.job)),
      );
      for (const key of lost)
        for (const chunk of active)
          if (chunk.job.data.execution_id === key.execution_id && chunk.job.data.chunk_no === key.chunk_no)
            chunk.controller.abort('lost' satisfies AbortReason);
      const reclaimed = await chunks.runs.reclaimSilent(leaseSeconds);
      if (reclaimed.jobIds.length > 0) {
        await queue.release(reclaimed.jobIds, `its worker was silent for ${leaseSeconds} s`);
        log.warn(
          `worker ${id}: took back ${reclaimed.jobIds.length} chunk(s) of worker(s) silent for ${leaseSeconds} s (${reclaimed.workers.join(', ')})`,
        );
        this.wake();
      }
    } catch (error) {
      log.warn(`worker ${id}: heartbeat failed: ${(error as Error).message}`);
    }
  }
}
