import * as vscode from 'vscode';
import type { ResultOf } from '../../protocol/methods';
import type { DaemonClient } from '../daemonClient';

export type Finding = ResultOf<'findings/create'>;

/**
 * The findings of each orchestrator the tree has expanded, fetched when asked for and dropped when the daemon says
 * one of that orchestrator's findings changed (findings/changed) or the connection was re-established.
 */
export class FindingsStore implements vscode.Disposable {
  private readonly byOrchestrator = new Map<string, Promise<Finding[]>>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: DaemonClient) {
    this.subscriptions = [
      this.emitter,
      client.onDidResync(() => {
        this.byOrchestrator.clear();
        this.emitter.fire();
      }),
      client.onNotification('findings/changed', ({ orchestrator_id }) => {
        this.byOrchestrator.delete(orchestrator_id);
        this.emitter.fire();
      }),
    ];
  }

  /** An older daemon without findings, or a failed request, lists none: the tree still shows the runs. */
  of(orchestratorId: string): Promise<Finding[]> {
    let findings = this.byOrchestrator.get(orchestratorId);
    if (!findings) {
      findings = this.client.request('findings/list', { orchestrator_id: orchestratorId }).then(
        (list) => list.findings,
        () => {
          this.byOrchestrator.delete(orchestratorId);
          return [];
        },
      );
      this.byOrchestrator.set(orchestratorId, findings);
    }
    return findings;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
