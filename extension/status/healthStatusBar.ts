import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { OrchestratorStore } from '../tree/orchestratorStore';
import type { HealthWatcher } from './healthWatcher';
import { statusBarView, type LatestRun } from './statusBarModel';
import { progressText, unitOf } from '../tree/executionText';

export const STATUS_BAR_ITEM_ID = 'violentutf.status';

/** The daemon's health, quietly, in the status bar; click → debug panel. Visibility: `violentutf.statusBar.show`. */
export class HealthStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: DaemonClient,
    private readonly health: HealthWatcher,
    private readonly store: OrchestratorStore,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'ViolentUTF';
    this.item.command = 'violentutf.showDebugInfo';
    this.subscriptions.push(
      this.item,
      client.onDidChangeState(() => this.render()),
      health.onDidChange(() => this.render()),
      store.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('violentutf.statusBar.show')) this.render();
      }),
    );
    this.render();
  }

  /** What the item shows now (tests compare it with the daemon's figures). */
  get text(): string {
    return this.item.text;
  }

  /** The newest run this window knows (launched here or elsewhere), for the tooltip's Show Results link. */
  private latestRun(): LatestRun | undefined {
    const latest = this.store.latest();
    if (!latest) return undefined;
    return {
      name: latest.orchestrator_name,
      executionId: latest.execution_id,
      progress: progressText(latest, unitOf(this.store.orchestratorType(latest.orchestrator_id))),
    };
  }

  /** The tooltip's Markdown now (tests read what a person would see on hover). */
  get tooltipMarkdown(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  render(): void {
    const view = statusBarView({
      state: this.client.state,
      health: this.health.health,
      running: this.store
        .running()
        .map((execution) => ({ name: execution.orchestrator_name, progress: progressText(execution) })),
      healthError: this.health.error,
      latest: this.latestRun(),
    });
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    // Only our own command links are trusted, not arbitrary commands from text the daemon sent.
    tooltip.isTrusted = {
      enabledCommands: [
        'violentutf.showDebugInfo',
        'violentutf.clearCache',
        'violentutf.showLogs',
        'violentutf.restartDaemon',
        'violentutf.showResults',
      ],
    };
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
    this.item.backgroundColor =
      view.background === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.background === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    if (vscode.workspace.getConfiguration('violentutf').get<boolean>('statusBar.show', true)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
