import * as vscode from 'vscode';
import type { DaemonClient, DaemonState } from '../daemonClient';
import type { OrchestratorStore } from './orchestratorStore';
import { executionTreeItem, orchestratorTreeItem, summaryTreeItem, type TreeNode } from './orchestratorTreeItems';
import { unitOf } from './executionText';

export const ORCHESTRATORS_VIEW_ID = 'violentutf.orchestrators';
/** Bursts of progress notifications become one repaint (Container Tools debounces its explorer the same way). */
const REPAINT_DEBOUNCE_MS = 300;

class OrchestratorTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly store: OrchestratorStore,
    private readonly client: DaemonClient,
  ) {}

  repaint(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'orchestrator':
        return orchestratorTreeItem(node.orchestrator);
      case 'execution':
        return executionTreeItem(node.execution, unitOf(this.store.orchestratorType(node.execution.orchestrator_id)));
      case 'summary':
        return summaryTreeItem(node.execution);
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    // An empty root shows the welcome view (contributed in package.json, chosen by context keys).
    if (!node) {
      if (this.client.state.kind !== 'connected' || this.store.state !== 'ready') return [];
      return this.store.orchestrators.map((orchestrator) => ({ kind: 'orchestrator', orchestrator }));
    }
    if (node.kind === 'orchestrator') {
      try {
        const executions = await this.store.executionsOf(node.orchestrator.id);
        return executions.map((execution) => ({
          kind: 'execution',
          execution: this.store.execution(execution.execution_id) ?? execution,
        }));
      } catch {
        return [];
      }
    }
    if (node.kind === 'execution' && node.execution.execution_summary)
      return [{ kind: 'summary', execution: node.execution }];
    return [];
  }

  getParent(): undefined {
    return undefined;
  }
}

/** Context keys the welcome views and menus read. */
function setContextKeys(state: DaemonState, store: OrchestratorStore): void {
  const daemon = state.kind === 'connected' ? 'connected' : state.kind === 'down' ? 'down' : 'connecting';
  void vscode.commands.executeCommand('setContext', 'violentutf.daemonState', daemon);
  void vscode.commands.executeCommand('setContext', 'violentutf.orchestratorsState', store.state);
  void vscode.commands.executeCommand('setContext', 'violentutf.orchestratorCount', store.orchestrators.length);
}

/** The Orchestrators view: provider, visibility-aware refreshing, welcome-view context keys. */
export class OrchestratorTree implements vscode.Disposable {
  private readonly provider: OrchestratorTreeProvider;
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private repaintTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: OrchestratorStore,
    private readonly client: DaemonClient,
  ) {
    this.provider = new OrchestratorTreeProvider(store, client);
    this.view = vscode.window.createTreeView(ORCHESTRATORS_VIEW_ID, {
      treeDataProvider: this.provider,
      showCollapseAll: true,
    });
    this.subscriptions.push(
      this.view,
      this.view.onDidChangeVisibility((event) => store.setVisible(event.visible)),
      store.onDidChange(() => this.scheduleRepaint()),
      client.onDidChangeState(() => this.scheduleRepaint()),
    );
    store.setVisible(this.view.visible);
    setContextKeys(client.state, store);
  }

  get treeView(): vscode.TreeView<TreeNode> {
    return this.view;
  }

  /** The root nodes as the view shows them (tests read the tree through this). */
  async roots(): Promise<TreeNode[]> {
    return this.provider.getChildren();
  }

  async childrenOf(node: TreeNode): Promise<TreeNode[]> {
    return this.provider.getChildren(node);
  }

  /** The item the view draws for a node: label, description, icon, context value (tests read it). */
  itemOf(node: TreeNode): vscode.TreeItem {
    return this.provider.getTreeItem(node);
  }

  refresh(): Promise<void> {
    return this.store.refresh();
  }

  private scheduleRepaint(): void {
    setContextKeys(this.client.state, this.store);
    if (this.repaintTimer) return;
    this.repaintTimer = setTimeout(() => {
      this.repaintTimer = undefined;
      this.provider.repaint();
    }, REPAINT_DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.repaintTimer) clearTimeout(this.repaintTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
