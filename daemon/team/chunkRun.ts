import path from 'node:path';
import type { Logger } from '../log';
import type { OrchestratorPool } from '../pool';
import type { OrchestratorInstance } from '../orchestrators/instance';
import type { UserMemory } from '../user/userMemory';
import type { MemoryStore } from '../memory';
import { stateDirFrom } from '../config';
import { systemClock } from '../clock';
import { storedInput } from '../orchestrators/engine/executionView';
import { runnerFor } from '../orchestrators/engine/orchestratorRunners';
import type { PendingPrompt } from '../orchestrators/engine/runPromptSending';
import { leaseInstance } from '../orchestrators/engine/instanceLease';
import { ExecutionMeter } from '../orchestrators/usage/executionMeter';
import { runMetered } from '../orchestrators/usage/meteredTarget';
import { ledgerRecorder } from '../orchestrators/usage/ledgerRecorder';
import { readModelPrices } from '../orchestrators/usage/modelPrices';
import type { ChunkJob } from './chunkQueue';
import type { ClaimedChunk, TeamRuns } from './teamRuns';

/** What running a chunk needs of the process it runs in. */
export interface ChunkContext {
  runs: TeamRuns;
  memory: UserMemory;
  memoryDir: string;
  pool: OrchestratorPool<OrchestratorInstance>;
  env: Record<string, string | undefined>;
  log: Logger;
  /** The OS user running this worker: whose allowances decide where its environment's keys may be sent. */
  operator: string;
  /** Secrets the execution's starter sent to this very daemon (never stored, never sent to another worker). */
  localSecrets(executionId: string): { username: string; secrets: Record<string, string> } | undefined;
}

export interface ChunkOutcome {
  sent: number;
  latencyTotalMs: number;
  store: MemoryStore;
}

/** Progress is added to the run's shared figures at most this often per chunk (and once at its end). */
const PROGRESS_EVERY_MS = 250;

/**
 * Runs one claimed chunk as a run on one daemon runs its input: the same pool, runner, meter and stores. Only the
 * chunk's items without a stored result are sent (the resume rule), so a chunk taken over from a lost worker sends
 * what that worker left unanswered. A budget or a failure here stops every worker's chunks of the execution.
 */
export async function runChunk(
  context: ChunkContext,
  job: ChunkJob,
  claimed: ClaimedChunk,
  signals: {
    /** Cancel, release, lost: the engine stops and calls in flight are aborted. */
    abort: AbortSignal;
    /** Another worker's budget or failure stopped the run: no new item, but calls in flight finish and are stored. */
    finish: AbortSignal;
  },
): Promise<ChunkOutcome> {
  const signal = signals.abort;
  const { runs, log } = context;
  const executionId = job.execution_id;
  const store = await context.memory.storeFor(path.join(context.memoryDir, path.basename(job.memory_file)));
  const record = await store.getExecution(executionId);
  if (record === null) throw new Error(`execution ${executionId} is not in ${job.username}'s memory`);
  const orchestrator = await store.getOrchestrator(record.orchestrator_id);
  if (orchestrator === null) throw new Error(`the orchestrator of execution ${executionId} was deleted`);
  const input = storedInput(record);
  const results = await store.resultKeys(executionId);
  const pending: PendingPrompt[] = [];
  for (const item of claimed.items) {
    const value = input.prompt_list[Number(item.key)];
    if (value === undefined) continue;
    const stored = results.get(Number(item.key));
    if (stored === undefined) pending.push({ key: item.key, value });
    else if (item.supersedes !== undefined && stored.outcome === 'error' && stored.id === item.supersedes)
      pending.push({ key: item.key, value, supersedes: item.supersedes });
  }
  if (pending.length === 0) return { sent: 0, latencyTotalMs: 0, store };

  const local = context.localSecrets(executionId);
  const { lease } = await leaseInstance(context.pool, context.env, {
    username: job.username,
    allowancesOf: local?.username ?? context.operator,
    orchestratorType: orchestrator.orchestrator_type,
    parameters: orchestrator.parameters,
    secrets: local?.secrets ?? {},
  });
  const budgetStop = new AbortController();
  const runSignal = AbortSignal.any([signal, signals.finish, budgetStop.signal]);
  const prices = readModelPrices(stateDirFrom(context.env));
  const { run } = claimed;
  const meter = new ExecutionMeter({
    budget: run.budget,
    // The shared figures come with the first reservation; time is the attempt's, over every worker.
    spent: {
      requests: 0,
      tokens: 0,
      costUsd: 0,
      durationMs: run.earlier_seconds * 1000 + Math.max(0, Date.now() - run.started_at.getTime()),
    },
    clock: systemClock,
    runSignal,
    cancelSignal: signal,
    settingsPrice: (model) => (model === undefined ? undefined : prices.get(model)),
    record: ledgerRecorder(store, executionId),
    stop: (reason) => {
      log.info(`execution ${executionId}: ${reason}`);
      budgetStop.abort('budget');
    },
    shared:
      run.budget === null
        ? undefined
        : {
            reserve: (maxRequests) => runs.reserveRequest(executionId, maxRequests),
            settle: (tokens, costUsd) => runs.settle(executionId, tokens, costUsd),
          },
  });

  let answered = 0;
  let errored = 0;
  let lastFlush = 0;
  let flushing: Promise<void> = Promise.resolve();
  const flush = (): void => {
    const completed = answered;
    const errors = errored;
    answered = 0;
    errored = 0;
    lastFlush = Date.now();
    if (completed === 0) return;
    flushing = flushing
      .then(() => runs.addProgress(executionId, job.attempt, completed, errors))
      .catch((error: Error) => log.warn(`execution ${executionId}: progress not shared: ${error.message}`));
  };
  try {
    const tally = await runMetered(meter, () =>
      runnerFor(orchestrator.orchestrator_type).run({
        executionId,
        orchestratorId: orchestrator.id,
        prompts: pending,
        instance: lease.instance,
        store,
        signal: runSignal,
        log,
        onAnswered: (outcome) => {
          answered += 1;
          if (outcome === 'error') errored += 1;
          if (Date.now() - lastFlush >= PROGRESS_EVERY_MS) flush();
        },
      }),
    );
    if (meter.exhaustion !== undefined) await runs.requestStop(executionId, 'budget_exhausted', meter.exhaustion);
    return { sent: tally.sent, latencyTotalMs: tally.latencyTotalMs, store };
  } finally {
    lease.release();
    flush();
    await flushing;
    await meter.flushed();
    if (meter.ledgerFailure)
      log.warn(
        `execution ${executionId}: some model calls are not in the usage ledger: ${meter.ledgerFailure.message}`,
      );
  }
}
