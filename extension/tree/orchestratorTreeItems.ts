import * as vscode from 'vscode';
import type { Execution, OrchestratorItem } from './orchestratorStore';
import { isResumable, progressText, startedLabel, summaryText } from './executionText';

/** Tree nodes carry the daemon objects; commands invoked from the tree receive them as their argument. */
export type OrchestratorNode = { kind: 'orchestrator'; orchestrator: OrchestratorItem };
export type ExecutionNode = { kind: 'execution'; execution: Execution };
export type SummaryNode = { kind: 'summary'; execution: Execution };
export type TreeNode = OrchestratorNode | ExecutionNode | SummaryNode;

const STATUS_ICONS: Record<Execution['status'], vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin'),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
  interrupted: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('testing.iconQueued')),
};

/**
 * contextValue drives the menus in package.json: `execution.running` gets Cancel, `execution.resumable` gets
 * Resume; every execution gets Show Results.
 */
export function executionContextValue(execution: Execution): string {
  if (execution.status === 'running') return 'execution.running';
  return isResumable(execution) ? 'execution.resumable' : 'execution.done';
}

export function orchestratorTreeItem(orchestrator: OrchestratorItem): vscode.TreeItem {
  const item = new vscode.TreeItem(orchestrator.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `orchestrator:${orchestrator.id}`;
  item.contextValue = 'orchestrator';
  const last = orchestrator.last_execution;
  item.iconPath = last?.status === 'running' ? new vscode.ThemeIcon('beaker~spin') : new vscode.ThemeIcon('beaker');
  item.description = last
    ? `${orchestrator.orchestrator_type} · ${progressText(last)}`
    : `${orchestrator.orchestrator_type} · never run`;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(orchestrator.name)}** — \`${orchestrator.orchestrator_type}\`\n\n`);
  if (orchestrator.tags.length > 0)
    tooltip.appendMarkdown(`Tags: ${orchestrator.tags.map((t) => `\`${t}\``).join(' ')}\n\n`);
  tooltip.appendMarkdown(`Updated ${new Date(orchestrator.updated_at).toLocaleString()}`);
  item.tooltip = tooltip;
  return item;
}

export function executionTreeItem(execution: Execution): vscode.TreeItem {
  const item = new vscode.TreeItem(
    startedLabel(execution),
    execution.execution_summary ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `execution:${execution.execution_id}`;
  item.contextValue = executionContextValue(execution);
  item.iconPath = STATUS_ICONS[execution.status];
  item.description = progressText(execution);
  item.tooltip = new vscode.MarkdownString(
    [
      `**${escapeMarkdown(execution.orchestrator_name)}** — ${execution.status}`,
      `Execution \`${execution.execution_id}\` (${execution.execution_type})`,
      `Started ${new Date(execution.started_at).toLocaleString()}${execution.completed_at ? `, ended ${new Date(execution.completed_at).toLocaleString()}` : ''}`,
      execution.error ? `Error: ${escapeMarkdown(execution.error)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  item.command = {
    command: 'violentutf.showResults',
    title: 'Show Results',
    arguments: [{ kind: 'execution', execution }],
  };
  return item;
}

export function summaryTreeItem(execution: Execution): vscode.TreeItem {
  const item = new vscode.TreeItem(summaryText(execution) ?? 'no summary yet', vscode.TreeItemCollapsibleState.None);
  item.id = `summary:${execution.execution_id}`;
  item.contextValue = 'summary';
  item.iconPath = new vscode.ThemeIcon('graph');
  item.command = {
    command: 'violentutf.showResults',
    title: 'Show Results',
    arguments: [{ kind: 'execution', execution }],
  };
  return item;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
