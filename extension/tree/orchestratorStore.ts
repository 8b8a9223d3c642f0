import * as vscode from 'vscode';
import type { NotificationParamsOf, ResultOf } from '../../protocol/methods';
import { isMethodNotFound, type DaemonClient } from '../daemonClient';
import { FreshRefresh } from './freshRefresh';

export type OrchestratorItem = ResultOf<'orchestrators/list'>['orchestrators'][number];
export type Execution = ResultOf<'executions/get'>;

/** `unsupported`: the daemon answers MethodNotFound (an older daemon without the orchestrator engine). */
export type StoreState = 'loading' | 'ready' | 'unsupported' | 'error';

const EXECUTIONS_PER_ORCHESTRATOR = 20;

export function isActive(execution: Execution): boolean {
  return execution.status === 'running';
}

/**
 * The caller's orchestrators and their executions, as this window last saw them. Pushed notifications update it
 * in place (progress, status); a full re-fetch happens on (re)connect, on a seq gap, and when orchestrators are
 * created or deleted — and, while nobody looks at the tree, that re-fetch waits until somebody does.
 */
export class OrchestratorStore implements vscode.Disposable {
  private orchestratorList: OrchestratorItem[] = [];
  private readonly executionLists = new Map<string, Execution[]>();
  private readonly executionsById = new Map<string, Execution>();
  private currentState: StoreState = 'loading';
  private failure: string | undefined;
  private stale = true;
  private visible = false;
  private readonly refreshing = new FreshRefresh(() => this.fetchAll());
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];

  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: DaemonClient) {
    this.subscriptions.push(
      // One fetch per connection even while hidden: the status bar needs to know what is running.
      client.onDidResync(() => void this.refresh()),
      client.onNotification('orchestrators/changed', () => this.invalidate()),
      client.onNotification('executions/changed', (params) => this.applyExecution(params.execution)),
      client.onNotification('executions/progress', (params) => this.applyProgress(params)),
    );
  }

  get state(): StoreState {
    return this.currentState;
  }

  get error(): string | undefined {
    return this.failure;
  }

  get orchestrators(): readonly OrchestratorItem[] {
    return this.orchestratorList;
  }

  running(): Execution[] {
    return [...this.executionsById.values()].filter(isActive);
  }

  /** The newest run known (by start time), running or ended. */
  latest(): Execution | undefined {
    let newest: Execution | undefined;
    for (const execution of this.executionsById.values())
      if (!newest || execution.started_at > newest.started_at) newest = execution;
    return newest;
  }

  execution(executionId: string): Execution | undefined {
    return this.executionsById.get(executionId);
  }

  /** The type of a known orchestrator (a red_teaming run counts objectives, not prompts). */
  orchestratorType(orchestratorId: string): string | undefined {
    return this.orchestratorList.find((o) => o.id === orchestratorId)?.orchestrator_type;
  }

  /** The tree tells the store whether anyone is looking; hidden means stale data waits. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) void this.refresh();
  }

  invalidate(): void {
    this.stale = true;
    if (this.visible) void this.refresh();
  }

  /** Resolves once a fetch that started after this call has ended: its data is at least as new as the request. */
  refresh(): Promise<void> {
    return this.refreshing.request();
  }

  /** Executions of one orchestrator, newest first; fetched when its tree node is expanded. */
  async executionsOf(orchestratorId: string): Promise<Execution[]> {
    const cached = this.executionLists.get(orchestratorId);
    if (cached && !this.stale) return cached;
    return this.fetchExecutions(orchestratorId);
  }

  private async fetchAll(): Promise<void> {
    if (this.client.state.kind !== 'connected') return;
    try {
      const { orchestrators } = await this.client.request('orchestrators/list');
      this.orchestratorList = [...orchestrators].sort((a, b) => a.name.localeCompare(b.name));
      for (const orchestrator of orchestrators)
        if (orchestrator.last_execution) this.remember(orchestrator.last_execution);
      const known = new Set(orchestrators.map((o) => o.id));
      for (const id of [...this.executionLists.keys()]) {
        if (!known.has(id)) this.executionLists.delete(id);
        else await this.fetchExecutions(id);
      }
      this.currentState = 'ready';
      this.failure = undefined;
      this.stale = false;
    } catch (error) {
      this.currentState = isMethodNotFound(error) ? 'unsupported' : 'error';
      this.failure = (error as Error).message;
    }
    this.emitter.fire();
  }

  private async fetchExecutions(orchestratorId: string): Promise<Execution[]> {
    const { executions } = await this.client.request('executions/list', {
      orchestrator_id: orchestratorId,
      limit: EXECUTIONS_PER_ORCHESTRATOR,
    });
    this.executionLists.set(orchestratorId, executions);
    for (const execution of executions) this.remember(execution);
    return executions;
  }

  private remember(execution: Execution): void {
    this.executionsById.set(execution.execution_id, execution);
  }

  private applyExecution(execution: Execution): void {
    this.upsert(execution);
    this.emitter.fire();
  }

  /** Keeps the by-id map, the per-orchestrator lists and `last_execution` pointing at the newest copy. */
  private upsert(execution: Execution): void {
    this.remember(execution);
    const list = this.executionLists.get(execution.orchestrator_id);
    if (list) {
      const index = list.findIndex((e) => e.execution_id === execution.execution_id);
      if (index >= 0) list[index] = execution;
      else list.unshift(execution);
    }
    const orchestrator = this.orchestratorList.find((o) => o.id === execution.orchestrator_id);
    if (orchestrator) {
      const last = orchestrator.last_execution;
      if (!last || last.execution_id === execution.execution_id || last.started_at <= execution.started_at)
        orchestrator.last_execution = execution;
    } else {
      // An execution of an orchestrator we have not seen: someone else created it.
      this.invalidate();
    }
  }

  private applyProgress(params: NotificationParamsOf<'executions/progress'>): void {
    const execution = this.executionsById.get(params.execution_id);
    if (!execution) {
      this.invalidate();
      return;
    }
    this.upsert({
      ...execution,
      progress: { completed: params.completed, total: params.total, errors: params.errors },
    });
    this.emitter.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.emitter.dispose();
  }
}
