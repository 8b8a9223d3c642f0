import * as vscode from 'vscode';
import type { DaemonClient, DaemonState } from '../daemonClient';
import type { OrchestratorStore } from './orchestratorStore';
import {
  configTreeItem,
  executionTreeItem,
  orchestratorTreeItem,
  summaryTreeItem,
  type TreeNode,
} from './orchestratorTreeItems';
import { WorkspaceConfigs } from '../orchestratorConfig/workspaceConfigs';
import { orchestratorOfFile } from '../../client/saveOrchestrator';
import { unitOf } from './executionText';
import { FindingsStore } from './findingsStore';
import { findingsTreeItem, findingTreeItem } from './findingItems';

export const ORCHESTRATORS_VIEW_ID = 'violentutf.orchestrators';
/** Bursts of progress notifications become one repaint (Container Tools debounces its explorer the same way). */
const REPAINT_DEBOUNCE_MS = 300;

class OrchestratorTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly store: OrchestratorStore,
    private readonly client: DaemonClient,
    private readonly configs: WorkspaceConfigs,
    private readonly findings: FindingsStore,
  ) {}

  repaint(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'orchestrator':
        return orchestratorTreeItem(node.orchestrator, node.config);
      case 'config':
        return configTreeItem(node.config);
      case 'execution':
        return executionTreeItem(node.execution, unitOf(this.store.orchestratorType(node.execution.orchestrator_id)));
      case 'summary':
        return summaryTreeItem(node.execution);
      case 'findings':
        return findingsTreeItem(node);
      case 'finding':
        return findingTreeItem(node.finding);
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    // An empty root shows the welcome view (contributed in package.json, chosen by context keys).
    if (!node) return this.roots();
    if (node.kind === 'orchestrator') {
      try {
        const [executions, findings] = await Promise.all([
          this.store.executionsOf(node.orchestrator.id),
          this.findings.of(node.orchestrator.id),
        ]);
        const runs: TreeNode[] = executions.map((execution) =>
          this.intern({ kind: 'execution', execution: this.store.execution(execution.execution_id) ?? execution }),
        );
        // The campaign's findings first: they are what the runs were for.
        return findings.length === 0
          ? runs
          : [this.intern({ kind: 'findings', orchestratorId: node.orchestrator.id, findings }), ...runs];
      } catch {
        return [];
      }
    }
    if (node.kind === 'findings') return node.findings.map((finding) => this.intern({ kind: 'finding', finding }));
    if (node.kind === 'execution' && node.execution.execution_summary)
      return [this.intern({ kind: 'summary', execution: node.execution })];
    return [];
  }

  /**
   * One node object per tree item id, its content refreshed in place: VS Code keys elements by object, and reveal
   * (or a node passed back by a command) must find the element the view already holds, not a look-alike.
   */
  private readonly nodes = new Map<string, TreeNode>();

  private intern<T extends TreeNode>(node: T): T {
    const key = nodeKey(node);
    const existing = this.nodes.get(key);
    if (!existing) {
      this.nodes.set(key, node);
      return node;
    }
    for (const field of Object.keys(existing)) delete (existing as Partial<Record<string, unknown>>)[field];
    return Object.assign(existing, node) as T;
  }

  /** Needed by reveal (a run revealed after its launch); items have ids, so fresh node objects match. */
  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'execution')
      return this.roots().find(
        (root) => root.kind === 'orchestrator' && root.orchestrator.id === node.execution.orchestrator_id,
      );
    if (node.kind === 'summary') return this.intern({ kind: 'execution', execution: node.execution });
    if (node.kind === 'findings')
      return this.roots().find((root) => root.kind === 'orchestrator' && root.orchestrator.id === node.orchestratorId);
    if (node.kind === 'finding') return this.nodes.get(`findings:${node.finding.orchestrator_id}`);
    return undefined;
  }

  /**
   * The daemon's orchestrators (each with its workspace file, when it is here) and the workspace's configs it does
   * not know yet. While reconnecting the last list stays, so the view neither blanks nor loses its expansion.
   */
  roots(): TreeNode[] {
    const daemonDown = this.client.state.kind === 'down';
    const known = this.store.state === 'ready' && !daemonDown ? this.store.orchestrators : [];
    const configs = this.configs.all();
    const claimed = new Set<string>();
    const nodes: TreeNode[] = known.map((orchestrator) => {
      const config = configs.find(
        (candidate) =>
          !claimed.has(candidate.key) &&
          orchestratorOfFile([orchestrator], candidate.key, candidate.name) !== undefined,
      );
      if (config) claimed.add(config.key);
      return this.intern({ kind: 'orchestrator', orchestrator, ...(config ? { config } : {}) });
    });
    if (daemonDown) return [];
    for (const config of configs) if (!claimed.has(config.key)) nodes.push(this.intern({ kind: 'config', config }));
    return nodes.sort((a, b) => labelOf(a).localeCompare(labelOf(b)));
  }
}

function nodeKey(node: TreeNode): string {
  switch (node.kind) {
    case 'orchestrator':
      return `orchestrator:${node.orchestrator.id}`;
    case 'config':
      return `config:${node.config.uri.toString()}`;
    case 'execution':
      return `execution:${node.execution.execution_id}`;
    case 'summary':
      return `summary:${node.execution.execution_id}`;
    case 'findings':
      return `findings:${node.orchestratorId}`;
    case 'finding':
      return `finding:${node.finding.finding_id}`;
  }
}

function labelOf(node: TreeNode): string {
  if (node.kind === 'orchestrator') return node.orchestrator.name;
  if (node.kind === 'config') return WorkspaceConfigs.labelOf(node.config);
  return '';
}

/** Context keys the welcome views and menus read; `rootCount` counts workspace configs too. */
function setContextKeys(state: DaemonState, store: OrchestratorStore, rootCount: number): void {
  const daemon = state.kind === 'connected' ? 'connected' : state.kind === 'down' ? 'down' : 'connecting';
  void vscode.commands.executeCommand('setContext', 'violentutf.daemonState', daemon);
  void vscode.commands.executeCommand('setContext', 'violentutf.orchestratorsState', store.state);
  void vscode.commands.executeCommand('setContext', 'violentutf.orchestratorCount', rootCount);
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
    private readonly configs: WorkspaceConfigs,
  ) {
    const findings = new FindingsStore(client);
    this.provider = new OrchestratorTreeProvider(store, client, configs, findings);
    this.view = vscode.window.createTreeView(ORCHESTRATORS_VIEW_ID, {
      treeDataProvider: this.provider,
      showCollapseAll: true,
    });
    this.subscriptions.push(
      this.view,
      findings,
      findings.onDidChange(() => this.scheduleRepaint()),
      this.view.onDidChangeVisibility((event) => store.setVisible(event.visible)),
      store.onDidChange(() => this.scheduleRepaint()),
      client.onDidChangeState(() => this.scheduleRepaint()),
      configs.onDidChange(() => this.scheduleRepaint()),
    );
    store.setVisible(this.view.visible);
    this.updateContext();
    void configs.scan();
  }

  private updateContext(): void {
    setContextKeys(this.client.state, this.store, this.provider.roots().length);
    // A restart or a dropped socket: the last list stays, and says why it may be out of date.
    this.view.message =
      this.client.state.kind !== 'connected' && this.client.state.kind !== 'down' && this.store.state === 'ready'
        ? 'Reconnecting to the ViolentUTF daemon…'
        : undefined;
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
    return Promise.all([this.store.refresh(), this.configs.scan(true)]).then(() => undefined);
  }

  /** Reveals (selects, expands the parent of) a run in the view, e.g. right after its launch. */
  async revealExecution(executionId: string): Promise<boolean> {
    // The store's refresh is answered by a fetch that started after this call (FreshRefresh), so the run is
    // listed once it exists; the few retries are only a safety net, not the fix for that race.
    let parent: TreeNode | undefined;
    for (let attempt = 0; attempt < 5 && !parent; attempt += 1) {
      await this.store.refresh();
      const execution = this.store.execution(executionId);
      parent = execution
        ? this.provider
            .roots()
            .find((node) => node.kind === 'orchestrator' && node.orchestrator.id === execution.orchestrator_id)
        : undefined;
      if (!parent) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    if (!parent) return false;
    const found = parent;
    // The view can only reveal rows it has fetched: repaint now (not after the debounce), and give a new
    // orchestrator's row the moment VS Code needs to ask for it.
    if (this.repaintTimer) clearTimeout(this.repaintTimer);
    this.repaintTimer = undefined;
    this.provider.repaint();
    for (let attempt = 1; ; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 400 * attempt));
      try {
        await this.view.reveal(found, { select: false, focus: false, expand: true });
        const children = await this.provider.getChildren(found);
        const own = children.find((node) => node.kind === 'execution' && node.execution.execution_id === executionId);
        if (own) await this.view.reveal(own, { select: true, focus: false, expand: true });
        return own !== undefined;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  }

  private scheduleRepaint(): void {
    this.updateContext();
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
