import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../../log';
import type { MemoryStore, ExecutionRecord, ExecutionUpdate, JsonValue, StoredRoleUsage } from '../../memory';
import type { Lease, OrchestratorPool } from '../../pool';
import type { UserMemory } from '../../user/userMemory';
import { stateDirFrom } from '../../config';
import type { OrchestratorInstance } from '../instance';
import { runnerFor, type OrchestratorRunner } from './orchestratorRunners';
import type { PendingPrompt, RunTally } from './runPromptSending';
import {
  storedInput,
  storedSummary,
  toExecutionView,
  type ExecutionSpending,
  type ExecutionView,
  type ProgressView,
} from './executionView';
import { ProgressThrottle } from './progressThrottle';
import { runEnding, type RunStop } from './runEnding';
import { leaseInstance, type InstanceLease } from './instanceLease';
import { validateParameters } from '../validateParameters';
import type { TeamCoordinator } from '../../team/teamCoordinator';
import type { TeamConnection } from '../../team/teamConnection';
import { loadDatasetPrompts } from '../loadDatasetPrompts';
import { ConflictError, InvalidConfigError, NotFoundError } from '../../../domain/errors';
import type { AttackOutcome } from '../../../domain/attackOutcome';
import { emptyOutcomes, type OutcomeCounts } from '../../../domain/runFigures';
import { systemClock, type Clock } from '../../clock';
import { Budget as BudgetSchema, ModelRole, type Budget, type ExecutionUsage } from '../../../protocol/schemas/usage';
import { ExecutionMeter, type SpentSoFar } from '../usage/executionMeter';
import { ledgerRecorder } from '../usage/ledgerRecorder';
import { runMetered } from '../usage/meteredTarget';
import { readModelPrices } from '../usage/modelPrices';
import { executionUsage, type RoleSums } from '../usage/usageTotals';

export interface Caller {
  username: string;
  dbPath: string;
}

export interface ExecutionEvents {
  progress(username: string, executionId: string, orchestratorId: string, progress: ProgressView): void;
  changed(username: string, execution: ExecutionView): void;
}

interface RunningExecution {
  username: string;
  orchestratorId: string;
  controller: AbortController;
  progress: ProgressView;
  done: Promise<void>;
}

/** What earlier attempts of a resumed execution left standing; the new attempt's progress adds to them. */
interface EarlierAttempts {
  completed: number;
  errors: number;
  timeSeconds: number;
}

const FIRST_ATTEMPT: EarlierAttempts = { completed: 0, errors: 0, timeSeconds: 0 };

/** One attempt at an execution, from executions/start or executions/resume: what to send and with what. */
interface ExecutionAttempt {
  caller: Caller;
  store: MemoryStore;
  executionId: string;
  orchestratorId: string;
  runner: OrchestratorRunner;
  /** The input items this attempt sends; a resumed one leaves out those already answered. */
  pending: PendingPrompt[];
  /** Input items of the whole execution. */
  total: number;
  earlier: EarlierAttempts;
  lease: Lease<OrchestratorInstance>;
  /** The budget for the whole execution, or null for none. */
  budget: Budget | null;
}

export type StartInput = { prompt_list: string[] } | { dataset_path: string };

export interface ExecutionServiceOptions {
  memory: UserMemory;
  pool: OrchestratorPool<OrchestratorInstance>;
  events: ExecutionEvents;
  log: Logger;
  env: Record<string, string | undefined>;
  /** Times a run's duration budget; a test passes a fake one. */
  clock?: Clock;
  /** Team mode: executions are enqueued as chunks for any worker of the team (daemon/team/). */
  team?: Pick<TeamConnection, 'coordinator'>;
}

/** How long executions/cancel waits for the workers to stop a team run before it answers with what it sees. */
const TEAM_CANCEL_WAIT_MS = 30_000;

/**
 * Runs executions in the background and answers for them. Everything is scoped to the caller: executions live in
 * the caller's own DB file, and a running one is only visible to the user who started it.
 */
export class ExecutionService {
  private readonly running = new Map<string, RunningExecution>();
  /** Runs that ended while their final row could not be written (disk full): shown as ended, written when possible. */
  private readonly unrecorded = new Map<string, { username: string; update: ExecutionUpdate }>();

  constructor(private readonly options: ExecutionServiceOptions) {}

  get runningCount(): number {
    return this.running.size;
  }

  /** In team mode a run may be on any worker: the stored row says whether it runs. */
  async isRunning(caller: Caller, orchestratorId: string): Promise<boolean> {
    for (const run of this.running.values())
      if (run.orchestratorId === orchestratorId && run.username === caller.username) return true;
    if (this.options.team === undefined) return false;
    const store = await this.options.memory.storeFor(caller.dbPath);
    const { items } = await store.listExecutions({ orchestrator_id: orchestratorId, status: 'running', limit: 1 });
    return items.length > 0;
  }

  async start(
    caller: Caller,
    orchestratorId: string,
    executionType: 'prompt_list' | 'dataset',
    input: StartInput,
    secrets: Record<string, string>,
    budgetOverride?: Budget,
  ): Promise<string> {
    const store = await this.options.memory.storeFor(caller.dbPath);
    const orchestrator = await store.getOrchestrator(orchestratorId);
    if (!orchestrator) throw new NotFoundError('Orchestrator', orchestratorId);
    const prompts = await this.resolvePrompts(input);
    const executionId = randomUUID();
    const stored: { [key: string]: JsonValue } = { prompt_list: prompts.prompts };
    if (prompts.datasetPath) {
      stored.dataset_path = prompts.datasetPath;
      stored.dataset_name = prompts.datasetName ?? null;
    }
    const record = async (budget: Budget | null): Promise<void> => {
      await store.saveExecution({
        id: executionId,
        orchestrator_id: orchestratorId,
        execution_type: executionType,
        input_data: stored,
        status: 'running',
        created_by: caller.username,
      });
      if (budget !== null) await store.setBudget(executionId, budget);
    };
    if (this.options.team !== undefined) {
      // Refused before anything is recorded while the team's queue is away.
      this.options.team.coordinator();
      const budget = budgetOverride ?? configBudgetOf(orchestrator.orchestrator_type, orchestrator.parameters);
      await record(budget);
      await this.enqueueOrFail(caller, store, {
        executionId,
        username: caller.username,
        dbPath: caller.dbPath,
        orchestratorId,
        total: prompts.prompts.length,
        items: prompts.prompts.map((_, index) => ({ key: String(index) })),
        completed: 0,
        errors: 0,
        earlierSeconds: 0,
        budget,
        spent: { requests: 0, tokens: 0, costUsd: 0 },
        secrets,
      });
      return executionId;
    }
    // The instance is built before the execution is recorded: a config that cannot run (a missing API key)
    // is an error for the caller, not a failed execution in their history.
    const { lease, configBudget } = await this.acquireInstance(
      caller,
      orchestrator.orchestrator_type,
      orchestrator.parameters,
      secrets,
    );
    const budget = budgetOverride ?? configBudget;
    try {
      await record(budget);
    } catch (error) {
      lease.release();
      throw error;
    }
    const pending = prompts.prompts.map((value, index) => ({ key: String(index), value }));
    this.launch({
      caller,
      store,
      executionId,
      orchestratorId,
      runner: runnerFor(orchestrator.orchestrator_type),
      pending,
      total: prompts.prompts.length,
      earlier: FIRST_ATTEMPT,
      lease,
      budget,
    });
    return executionId;
  }

  async resume(
    caller: Caller,
    executionId: string,
    secrets: Record<string, string>,
    options: { retryErrors: boolean; budget?: Budget } = { retryErrors: false },
  ): Promise<void> {
    const store = await this.options.memory.storeFor(caller.dbPath);
    const stored = await store.getExecution(executionId);
    if (!stored) throw new NotFoundError('Execution', executionId);
    const record = await this.recordEnd(caller, store, stored);
    if (this.running.has(executionId) || (this.options.team !== undefined && record.status === 'running'))
      throw new ConflictError(`Execution ${executionId} is already running.`, { execution_id: executionId });
    if (record.status === 'completed')
      throw new ConflictError(
        `Execution ${executionId} has completed; there is nothing left to send. Start a new execution instead.`,
        { execution_id: executionId, status: record.status },
      );
    const orchestrator = await store.getOrchestrator(record.orchestrator_id);
    if (!orchestrator)
      throw new ConflictError(`The orchestrator of execution ${executionId} was deleted; it cannot be resumed.`, {
        execution_id: executionId,
      });
    const input = storedInput(record);
    const runner = runnerFor(orchestrator.orchestrator_type);
    // What has a stored result is done, but for errors when asked to retry them: those go again, and their new
    // exchange supersedes the old one in the same attack result.
    const results = await store.resultKeys(executionId);
    const pending: PendingPrompt[] = [];
    const earlier = { completed: 0, errors: 0, timeSeconds: storedSummary(record)?.total_time_seconds ?? 0 };
    input.prompt_list.forEach((value, index) => {
      const result = results.get(index);
      if (result === undefined) pending.push({ key: String(index), value });
      else if (result.outcome === 'error' && options.retryErrors)
        pending.push({ key: String(index), value, supersedes: result.id });
      else {
        earlier.completed += 1;
        if (result.outcome === 'error') earlier.errors += 1;
      }
    });
    if (pending.length === 0 && earlier.errors > 0) {
      throw new ConflictError(
        `Execution ${executionId} has nothing left to send but ${earlier.errors} errored ${earlier.errors === 1 ? 'prompt' : 'prompts'}: resume with retry_errors (vutf resume ID --retry-errors) to send ${earlier.errors === 1 ? 'it' : 'them'} again.`,
        { execution_id: executionId, errors: earlier.errors },
      );
    }
    if (this.options.team !== undefined) {
      this.options.team.coordinator();
      if (options.budget !== undefined) await store.setBudget(executionId, options.budget);
      const budget =
        options.budget ??
        parseBudget(await store.budgetOf(executionId)) ??
        configBudgetOf(orchestrator.orchestrator_type, orchestrator.parameters);
      const superseded = await store.supersedeUnfinished(executionId);
      if (superseded > 0)
        this.options.log.info(`execution ${executionId}: ${superseded} partial conversation(s) marked superseded`);
      const usage = await store.usageByRole(executionId);
      await store.updateExecution(executionId, { status: 'running', completed_at: null });
      await this.enqueueOrFail(caller, store, {
        executionId,
        username: caller.username,
        dbPath: caller.dbPath,
        orchestratorId: orchestrator.id,
        total: input.prompt_list.length,
        items: pending.map(({ key, supersedes }) => (supersedes === undefined ? { key } : { key, supersedes })),
        completed: earlier.completed,
        errors: earlier.errors,
        earlierSeconds: earlier.timeSeconds,
        budget,
        spent: ledgerSpending(usage),
        secrets,
      });
      return;
    }
    const { lease, configBudget } = await this.acquireInstance(
      caller,
      orchestrator.orchestrator_type,
      orchestrator.parameters,
      secrets,
    );
    let budget: Budget | null;
    try {
      // A new budget is absolute, for the whole execution; without one the run keeps the budget it was given.
      if (options.budget !== undefined) await store.setBudget(executionId, options.budget);
      budget = options.budget ?? parseBudget(await store.budgetOf(executionId)) ?? configBudget;
      // Before the new attempt writes anything, so none of its conversations is taken for a partial one.
      const superseded = await store.supersedeUnfinished(executionId);
      if (superseded > 0)
        this.options.log.info(`execution ${executionId}: ${superseded} partial conversation(s) marked superseded`);
      await store.updateExecution(executionId, { status: 'running', completed_at: null });
    } catch (error) {
      lease.release();
      throw error;
    }
    this.launch({
      caller,
      store,
      executionId,
      orchestratorId: orchestrator.id,
      runner,
      pending,
      total: input.prompt_list.length,
      earlier,
      lease,
      budget,
    });
  }

  async cancel(caller: Caller, executionId: string): Promise<ExecutionView> {
    const run = this.running.get(executionId);
    if (run && run.username === caller.username) {
      run.controller.abort();
      await run.done;
    } else {
      const store = await this.options.memory.storeFor(caller.dbPath);
      const record = await store.getExecution(executionId, { withInput: false });
      if (!record) throw new NotFoundError('Execution', executionId);
      if (this.options.team !== undefined && record.status === 'running') {
        await this.options.team.coordinator().cancel(store, executionId);
        await this.untilEnded(store, executionId, TEAM_CANCEL_WAIT_MS);
      } else if (record.status === 'interrupted') {
        // Nothing runs it any more; cancelling only records that the user gave up on it.
        await store.updateExecution(executionId, { status: 'cancelled', completed_at: new Date() });
      }
    }
    return this.get(caller, executionId);
  }

  async get(caller: Caller, executionId: string): Promise<ExecutionView> {
    const store = await this.options.memory.storeFor(caller.dbPath);
    const record = await store.getExecution(executionId, { withInput: false });
    if (!record) throw new NotFoundError('Execution', executionId);
    return this.view(caller, store, record);
  }

  async list(
    caller: Caller,
    filter: { orchestrator_id?: string; status?: ExecutionView['status']; limit: number },
  ): Promise<ExecutionView[]> {
    const store = await this.options.memory.storeFor(caller.dbPath);
    const { items } = await store.listExecutions({
      orchestrator_id: filter.orchestrator_id,
      status: filter.status,
      limit: filter.limit,
    });
    const names = new Map(
      (await store.listOrchestrators()).map((orchestrator) => [orchestrator.id, orchestrator.name]),
    );
    const ids = items.map((record) => record.id);
    const outcomes = await store.outcomeCounts(ids);
    const usage = await store.usageByExecution(ids);
    const budgets = await store.budgetsOf(ids);
    return Promise.all(
      items.map((record) =>
        this.view(caller, store, record, names.get(record.orchestrator_id) ?? '(deleted)', outcomes.get(record.id), {
          usage: usageOf(usage.get(record.id) ?? []),
          budget: parseBudget(budgets.get(record.id) ?? null),
        }),
      ),
    );
  }

  /**
   * Records the team execution and its jobs together as far as they can be: if its jobs cannot be enqueued, the
   * execution already stored ends `failed` with the reason, and the caller gets the error.
   */
  private async enqueueOrFail(
    caller: Caller,
    store: MemoryStore,
    attempt: Parameters<TeamCoordinator['enqueue']>[0],
  ): Promise<void> {
    try {
      await this.options.team?.coordinator().enqueue(attempt);
    } catch (error) {
      const message = `Could not queue the execution for the team's workers: ${(error as Error).message}`;
      await store
        .updateExecution(attempt.executionId, {
          status: 'failed',
          completed_at: new Date(),
          execution_summary: {
            total_prompts: attempt.total,
            total_time_seconds: 0,
            avg_response_time_ms: 0,
            error: message,
          },
        })
        .catch(() => undefined);
      throw new Error(message, { cause: error });
    }
    this.announce(caller, attempt.executionId);
  }

  /** Until the stored row says the run ended (a team run ends on whichever worker stops last), or `ms` passed. */
  private async untilEnded(store: MemoryStore, executionId: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const record = await store.getExecution(executionId, { withInput: false });
      if (record === null || record.status !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Graceful shutdown: stop every run; each ends `interrupted`, resumable by the next daemon. */
  async interruptAll(): Promise<void> {
    for (const run of this.running.values()) run.controller.abort('shutdown');
    await Promise.all([...this.running.values()].map((run) => run.done));
  }

  private async view(
    caller: Caller,
    store: MemoryStore,
    stored: ExecutionRecord,
    name?: string,
    knownOutcomes?: OutcomeCounts,
    knownSpending?: ExecutionSpending,
  ): Promise<ExecutionView> {
    const record = await this.recordEnd(caller, store, stored);
    const orchestratorName = name ?? (await store.getOrchestrator(record.orchestrator_id))?.name ?? '(deleted)';
    // While it runs, the live counters are fresher than the row. The run leaves this map in the same tick its final
    // row is committed, so a reader sees either the live run or the finished row, never a half of each.
    const outcomes = knownOutcomes ?? (await store.outcomeCounts([record.id])).get(record.id) ?? emptyOutcomes();
    const spending = knownSpending ?? {
      usage: usageOf(await store.usageByRole(record.id)),
      budget: parseBudget(await store.budgetOf(record.id)),
    };
    const live = this.running.get(record.id);
    if (live && live.username === caller.username)
      return toExecutionView(
        { ...record, status: 'running' },
        orchestratorName,
        { ...live.progress },
        outcomes,
        spending,
      );
    const judged = outcomes.success + outcomes.failure + outcomes.error + outcomes.undetermined;
    const progress: ProgressView = { completed: judged, total: record.prompt_count, errors: outcomes.error };
    return toExecutionView(record, orchestratorName, progress, outcomes, spending);
  }

  /**
   * A run whose end could not be written is not `running` any more: write it again, show the end either way. A
   * COMMIT that failed may still have landed, so the stored row is looked at first, and written only if it
   * does not already say how the run ended.
   */
  private async recordEnd(caller: Caller, store: MemoryStore, record: ExecutionRecord): Promise<ExecutionRecord> {
    const pending = this.unrecorded.get(record.id);
    if (!pending || pending.username !== caller.username || this.running.has(record.id)) return record;
    if (endRecorded(record, pending.update)) {
      this.unrecorded.delete(record.id);
      return record;
    }
    try {
      const written = await store.updateExecution(record.id, pending.update);
      this.unrecorded.delete(record.id);
      return written;
    } catch {
      const completedAt = pending.update.completed_at;
      return {
        ...record,
        status: pending.update.status ?? record.status,
        execution_summary: pending.update.execution_summary ?? null,
        completed_at: completedAt ? completedAt.toISOString() : null,
      };
    }
  }

  private async resolvePrompts(
    input: StartInput,
  ): Promise<{ prompts: string[]; datasetPath?: string; datasetName?: string }> {
    if ('prompt_list' in input) return { prompts: input.prompt_list };
    if (!path.isAbsolute(input.dataset_path)) {
      throw new InvalidConfigError(
        `dataset_path must be absolute (got ${JSON.stringify(input.dataset_path)}); clients resolve it against the config file.`,
        { path: '$.input_data.dataset_path' },
      );
    }
    const dataset = await loadDatasetPrompts(input.dataset_path);
    if (dataset.prompts.length === 0)
      throw new InvalidConfigError(`The dataset ${input.dataset_path} has no prompts.`, {
        path: '$.input_data.dataset_path',
      });
    return { prompts: dataset.prompts, datasetPath: input.dataset_path, datasetName: dataset.datasetName };
  }

  private acquireInstance(
    caller: Caller,
    orchestratorType: string,
    parameters: JsonValue,
    secrets: Record<string, string>,
  ): Promise<InstanceLease> {
    return leaseInstance(this.options.pool, this.options.env, {
      username: caller.username,
      allowancesOf: caller.username,
      orchestratorType,
      parameters,
      secrets,
    });
  }

  private launch(attempt: ExecutionAttempt): void {
    const { caller, store, executionId, orchestratorId, runner, pending, total, earlier, lease } = attempt;
    this.unrecorded.delete(executionId);
    const controller = new AbortController();
    // The budget stops the run apart from a cancel: the engine takes no new input item either way, but calls in
    // flight finish (their own signal is the cancel's alone; usage/executionMeter.ts).
    const budgetStop = new AbortController();
    const runSignal = AbortSignal.any([controller.signal, budgetStop.signal]);
    const run: RunningExecution = {
      username: caller.username,
      orchestratorId,
      controller,
      progress: { completed: earlier.completed, total, errors: earlier.errors },
      done: Promise.resolve(),
    };
    this.running.set(executionId, run);
    const { events, log } = this.options;
    const progress = new ProgressThrottle(() =>
      events.progress(caller.username, executionId, orchestratorId, { ...run.progress }),
    );
    const started = Date.now();
    run.done = (async () => {
      let stop: RunStop = { reason: 'finished' };
      let tally: RunTally | undefined;
      let meter: ExecutionMeter | undefined;
      try {
        meter = await this.meterFor(attempt, { runSignal, cancelSignal: controller.signal, budgetStop });
        const metered = meter;
        tally = await runMetered(metered, () =>
          runner.run({
            executionId,
            orchestratorId,
            prompts: pending,
            instance: lease.instance,
            store,
            signal: runSignal,
            log,
            onAnswered: (outcome: AttackOutcome) => {
              run.progress.completed += 1;
              if (outcome === 'error') run.progress.errors += 1;
              progress.changed();
            },
          }),
        );
        if (controller.signal.aborted)
          stop = { reason: controller.signal.reason === 'shutdown' ? 'interrupted' : 'cancelled' };
        else if (metered.exhaustion !== undefined) stop = { reason: 'budget_exhausted', detail: metered.exhaustion };
      } catch (caught) {
        const error = (caught as Error).message;
        stop = { reason: 'failed', error };
        log.error(`execution ${executionId} failed: ${(caught as Error).stack ?? error}`);
      } finally {
        lease.release();
        progress.stop();
        // Every call's ledger row lands before the end is recorded, so the ended run shows all its usage.
        await meter?.flushed();
        if (meter?.ledgerFailure)
          log.warn(
            `execution ${executionId}: some model calls could not be recorded in the usage ledger: ${meter.ledgerFailure.message}`,
          );
      }
      const { status, summary } = runEnding(stop, {
        total,
        outcomes: await this.storedOutcomes(store, executionId, run.progress),
        sent: tally?.sent ?? 0,
        latencyTotalMs: tally?.latencyTotalMs ?? 0,
        earlierSeconds: earlier.timeSeconds,
        attemptMs: Date.now() - started,
      });
      const update: ExecutionUpdate = { status, execution_summary: summary, completed_at: new Date() };
      try {
        await store.updateExecution(executionId, update);
      } catch (caught) {
        log.error(
          `execution ${executionId}: could not record its end (${status}): ${(caught as Error).message}; will retry`,
        );
        this.unrecorded.set(executionId, { username: caller.username, update });
      }
      this.running.delete(executionId);
      progress.publishNow();
      this.announce(caller, executionId);
    })();
    this.announce(caller, executionId);
  }

  /** The meter of one attempt: what earlier attempts spent (from the ledger), the budget, the user's prices. */
  private async meterFor(
    attempt: ExecutionAttempt,
    signals: { runSignal: AbortSignal; cancelSignal: AbortSignal; budgetStop: AbortController },
  ): Promise<ExecutionMeter> {
    const { store, executionId, budget, earlier } = attempt;
    const stored = await store.usageByRole(executionId);
    const spent: SpentSoFar = {
      ...ledgerSpending(stored),
      durationMs: earlier.timeSeconds * 1000,
    };
    const prices = readModelPrices(stateDirFrom(this.options.env));
    const clock = this.options.clock ?? systemClock;
    return new ExecutionMeter({
      budget,
      spent,
      clock,
      runSignal: signals.runSignal,
      cancelSignal: signals.cancelSignal,
      settingsPrice: (model) => (model === undefined ? undefined : prices.get(model)),
      record: ledgerRecorder(store, executionId),
      stop: (reason) => {
        this.options.log.info(`execution ${executionId}: ${reason}`);
        signals.budgetStop.abort('budget');
      },
    });
  }

  /** The run's stored outcomes decide its status; if the file cannot be read now, the counts the run kept do. */
  private async storedOutcomes(
    store: MemoryStore,
    executionId: string,
    progress: ProgressView,
  ): Promise<OutcomeCounts> {
    try {
      return (await store.outcomeCounts([executionId])).get(executionId) ?? emptyOutcomes();
    } catch {
      return { ...emptyOutcomes(), error: progress.errors, undetermined: progress.completed - progress.errors };
    }
  }

  /** Tells every client of the user the execution's current state (its figures changed, say, after a label). */
  announce(caller: Caller, executionId: string): void {
    this.get(caller, executionId).then(
      (view) => this.options.events.changed(caller.username, view),
      (error: Error) =>
        this.options.log.warn(`execution ${executionId}: could not announce its state: ${error.message}`),
    );
  }
}

/** What the ledger says an execution has spent so far: requests, tokens, and the cost of calls with a known price. */
function ledgerSpending(stored: readonly StoredRoleUsage[]): { requests: number; tokens: number; costUsd: number } {
  return {
    requests: stored.reduce((total, row) => total + row.requests, 0),
    tokens: stored.reduce((total, row) => total + row.promptTokens + row.completionTokens, 0),
    costUsd: stored.reduce((total, row) => total + row.knownCostUsd, 0),
  };
}

/** An execution's model calls, every role's, over every attempt, as the ledger holds them. */
function usageOf(stored: readonly StoredRoleUsage[]): ExecutionUsage {
  const sums: RoleSums[] = [];
  for (const row of stored) {
    const role = ModelRole.safeParse(row.role);
    if (role.success) sums.push({ ...row, role: role.data });
  }
  return executionUsage(sums);
}

/** The budget a config sets, or null (team mode builds no instance where the execution is started). */
function configBudgetOf(orchestratorType: string, parameters: JsonValue): Budget | null {
  const parsed = BudgetSchema.safeParse(validateParameters(orchestratorType, parameters).parameters.budget);
  return parsed.success ? parsed.data : null;
}

/** A stored budget (JSON text); none, `{}` or one this daemon cannot read is no budget. */
function parseBudget(stored: string | null): Budget | null {
  if (stored === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  const parsed = BudgetSchema.safeParse(value);
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : null;
}

/** Whether the stored row already holds this end: the same status and completion time (what the update sets). */
function endRecorded(record: ExecutionRecord, update: ExecutionUpdate): boolean {
  const completedAt = update.completed_at;
  return (
    record.status === update.status &&
    completedAt instanceof Date &&
    record.completed_at !== null &&
    Date.parse(record.completed_at) === completedAt.getTime()
  );
}
