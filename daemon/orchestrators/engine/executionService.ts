import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../../log';
import type { MemoryStore, ExecutionRecord, ExecutionUpdate, JsonValue } from '../../memory';
import { poolKey, type Lease, type OrchestratorPool } from '../../pool';
import type { UserMemory } from '../../user/userMemory';
import type { OrchestratorInstance } from '../instance';
import { runnerFor, type OrchestratorRunner } from './orchestratorRunners';
import type { PendingPrompt, RunTally } from './runPromptSending';
import { storedInput, storedSummary, toExecutionView, type ExecutionView, type ProgressView } from './executionView';
import { ProgressThrottle } from './progressThrottle';
import { runEnding, type RunStop } from './runEnding';
import { validateParameters } from '../validateParameters';
import { loadDatasetPrompts } from '../loadDatasetPrompts';
import { ConflictError, InvalidConfigError, NotFoundError } from '../../../domain/errors';

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

/** What earlier attempts of a resumed execution did; the new attempt's figures add to them. */
interface EarlierAttempts {
  completed: number;
  failed: number;
  timeSeconds: number;
}

const FIRST_ATTEMPT: EarlierAttempts = { completed: 0, failed: 0, timeSeconds: 0 };

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
}

export type StartInput = { prompt_list: string[] } | { dataset_path: string };

export interface ExecutionServiceOptions {
  memory: UserMemory;
  pool: OrchestratorPool<OrchestratorInstance>;
  events: ExecutionEvents;
  log: Logger;
  env: Record<string, string | undefined>;
}

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

  isRunning(orchestratorId: string, username: string): boolean {
    for (const run of this.running.values())
      if (run.orchestratorId === orchestratorId && run.username === username) return true;
    return false;
  }

  async start(
    caller: Caller,
    orchestratorId: string,
    executionType: 'prompt_list' | 'dataset',
    input: StartInput,
    secrets: Record<string, string>,
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
    // The instance is built before the execution is recorded: a config that cannot run (a missing API key)
    // is an error for the caller, not a failed execution in their history.
    const lease = await this.acquireInstance(caller, orchestrator.orchestrator_type, orchestrator.parameters, secrets);
    try {
      await store.saveExecution({
        id: executionId,
        orchestrator_id: orchestratorId,
        execution_type: executionType,
        input_data: stored,
        status: 'running',
        created_by: caller.username,
      });
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
    });
    return executionId;
  }

  async resume(caller: Caller, executionId: string, secrets: Record<string, string>): Promise<void> {
    const store = await this.options.memory.storeFor(caller.dbPath);
    const stored = await store.getExecution(executionId);
    if (!stored) throw new NotFoundError('Execution', executionId);
    const record = await this.recordEnd(caller, store, stored);
    if (this.running.has(executionId))
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
    const answered = await runner.doneKeys(store, executionId);
    const counts = await runner.countDone(store, executionId);
    const pending = input.prompt_list
      .map((value, index) => ({ key: String(index), value }))
      .filter((prompt) => !answered.has(prompt.key));
    const lease = await this.acquireInstance(caller, orchestrator.orchestrator_type, orchestrator.parameters, secrets);
    // A resumed execution's summary covers every attempt.
    const timeSeconds = storedSummary(record)?.total_time_seconds ?? 0;
    await store.updateExecution(executionId, { status: 'running', completed_at: null });
    this.launch({
      caller,
      store,
      executionId,
      orchestratorId: orchestrator.id,
      runner,
      pending,
      total: input.prompt_list.length,
      earlier: { ...counts, timeSeconds },
      lease,
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
      if (record.status === 'interrupted') {
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
    return Promise.all(
      items.map((record) => this.view(caller, store, record, names.get(record.orchestrator_id) ?? '(deleted)')),
    );
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
  ): Promise<ExecutionView> {
    const record = await this.recordEnd(caller, store, stored);
    const orchestratorName = name ?? (await store.getOrchestrator(record.orchestrator_id))?.name ?? '(deleted)';
    // While it runs, the live counters are fresher than the row. The run leaves this map in the same tick its final
    // row is committed, so a reader sees either the live run or the finished row, never a half of each.
    const live = this.running.get(record.id);
    if (live && live.username === caller.username)
      return toExecutionView({ ...record, status: 'running' }, orchestratorName, { ...live.progress });
    const summary = storedSummary(record);
    const total = record.prompt_count;
    const progress: ProgressView = summary
      ? { completed: summary.successful_prompts + summary.failed_prompts, total, failed: summary.failed_prompts }
      : { ...(await this.countAnswered(store, record)), total };
    return toExecutionView(record, orchestratorName, progress);
  }

  /** A run whose end could not be written is not `running` any more: try the write again, show the end either way. */
  private async recordEnd(caller: Caller, store: MemoryStore, record: ExecutionRecord): Promise<ExecutionRecord> {
    const pending = this.unrecorded.get(record.id);
    if (!pending || pending.username !== caller.username || this.running.has(record.id)) return record;
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

  /** Items done of a run without a final summary; what counts as done depends on the orchestrator's type. */
  private async countAnswered(
    store: MemoryStore,
    record: ExecutionRecord,
  ): Promise<{ completed: number; failed: number }> {
    const orchestrator = await store.getOrchestrator(record.orchestrator_id);
    // A deleted orchestrator leaves only its pieces: count them as prompts, as before multi-turn types existed.
    return runnerFor(orchestrator?.orchestrator_type ?? 'prompt_sending').countDone(store, record.id);
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

  private async acquireInstance(
    caller: Caller,
    orchestratorType: string,
    parameters: JsonValue,
    secrets: Record<string, string>,
  ) {
    const validated = validateParameters(orchestratorType, parameters);
    // Secrets change what the instance sends (the key), so they are part of its identity, but only as a digest.
    const secretsDigest = createHash('sha256')
      .update(JSON.stringify(Object.entries(secrets).sort()))
      .digest('hex');
    const key = poolKey({
      user: caller.username,
      orchestrator_type: orchestratorType,
      parameters: { parameters: validated.parameters, secrets: secretsDigest },
    });
    // "env:NAME" secrets are the caller's own environment variables (the CLI forwards those its config names), so a
    // key set in the user's shell works even though the daemon was started elsewhere.
    const env = { ...this.options.env };
    for (const [name, value] of Object.entries(secrets)) if (name.startsWith('env:')) env[name.slice(4)] = value;
    // Clients resolve config-relative paths before sending; what is left is relative to the daemon.
    const configDir = process.cwd();
    const runner = runnerFor(orchestratorType);
    return this.options.pool.acquire(key, () =>
      runner.createInstance(validated.parameters, { configDir, secrets, env }),
    );
  }

  private launch(attempt: ExecutionAttempt): void {
    const { caller, store, executionId, orchestratorId, runner, pending, total, earlier, lease } = attempt;
    this.unrecorded.delete(executionId);
    const controller = new AbortController();
    const run: RunningExecution = {
      username: caller.username,
      orchestratorId,
      controller,
      progress: { completed: earlier.completed, total, failed: earlier.failed },
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
      try {
        tally = await runner.run({
          executionId,
          orchestratorId,
          prompts: pending,
          instance: lease.instance,
          store,
          signal: controller.signal,
          log,
          onAnswered: (failed) => {
            run.progress.completed += 1;
            if (failed) run.progress.failed += 1;
            progress.changed();
          },
        });
        if (controller.signal.aborted)
          stop = { reason: controller.signal.reason === 'shutdown' ? 'interrupted' : 'cancelled' };
      } catch (caught) {
        const error = (caught as Error).message;
        stop = { reason: 'failed', error };
        log.error(`execution ${executionId} failed: ${(caught as Error).stack ?? error}`);
      } finally {
        lease.release();
        progress.stop();
      }
      const { status, summary } = runEnding(stop, {
        total,
        completed: run.progress.completed,
        failed: run.progress.failed,
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

  private announce(caller: Caller, executionId: string): void {
    this.get(caller, executionId).then(
      (view) => this.options.events.changed(caller.username, view),
      (error: Error) =>
        this.options.log.warn(`execution ${executionId}: could not announce its state: ${error.message}`),
    );
  }
}
