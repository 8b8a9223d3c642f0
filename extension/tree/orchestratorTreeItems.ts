import * as vscode from 'vscode';
import type { Execution, OrchestratorItem } from './orchestratorStore';
import { WorkspaceConfigs, type WorkspaceConfig } from '../orchestratorConfig/workspaceConfigs';
import {
  hasErrorsToRetry,
  headline,
  isResumable,
  progressText,
  ratesText,
  usageLines,
  startedLabel,
  STATUS_LABELS,
  summaryText,
  unitOf,
} from './executionText';
import type { FindingNode, FindingsNode } from './findingItems';

/** Tree nodes carry the daemon objects; commands invoked from the tree receive them as their argument. */
/** `config`: the workspace file the orchestrator is keyed by, when it is in this workspace. */
export type OrchestratorNode = { kind: 'orchestrator'; orchestrator: OrchestratorItem; config?: WorkspaceConfig };
/** A workspace config the daemon has no orchestrator for yet (never launched, or invalid). */
export type ConfigNode = { kind: 'config'; config: WorkspaceConfig };
export type ExecutionNode = { kind: 'execution'; execution: Execution };
export type SummaryNode = { kind: 'summary'; execution: Execution };
export type TreeNode = OrchestratorNode | ConfigNode | ExecutionNode | SummaryNode | FindingsNode | FindingNode;

/** Green only for a run whose every prompt was answered; a run in which all of them errored is red. */
const STATUS_ICONS: Record<Execution['status'], vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin'),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  completed_with_errors: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
  interrupted: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('testing.iconQueued')),
  budget_exhausted: new vscode.ThemeIcon('credit-card', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

/**
 * contextValue drives the menus in package.json: `execution.running` gets Cancel, `execution.resumable…` gets
 * Resume, a trailing `.errors` gets Retry Errors; every execution gets Show Results.
 */
export function executionContextValue(execution: Execution): string {
  if (execution.status === 'running') return 'execution.running';
  const base = isResumable(execution) ? 'execution.resumable' : 'execution.done';
  return hasErrorsToRetry(execution) ? `${base}.errors` : base;
}

/** A workspace config not launched yet: its name, its file, and its first problem if it cannot be launched. */
export function configTreeItem(config: WorkspaceConfig): vscode.TreeItem {
  const item = new vscode.TreeItem(WorkspaceConfigs.labelOf(config), vscode.TreeItemCollapsibleState.None);
  item.id = `config:${config.uri.toString()}`;
  item.resourceUri = config.uri;
  const file = vscode.workspace.asRelativePath(config.uri);
  if (config.problem) {
    item.contextValue = 'config.invalid';
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    item.description = `invalid: ${config.problem}`;
  } else {
    item.contextValue = 'config';
    item.iconPath = new vscode.ThemeIcon('beaker');
    item.description = `${config.orchestratorType ?? ''} · not launched yet`;
  }
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(WorkspaceConfigs.labelOf(config))}** — \`${escapeMarkdown(file)}\``);
  if (config.problem) tooltip.appendMarkdown(`\n\n${escapeMarkdown(config.problem)}`);
  item.tooltip = tooltip;
  item.command = { command: 'vscode.open', title: 'Open Config', arguments: [config.uri] };
  return item;
}

export function orchestratorTreeItem(orchestrator: OrchestratorItem, config?: WorkspaceConfig): vscode.TreeItem {
  const unit = unitOf(orchestrator.orchestrator_type);
  const item = new vscode.TreeItem(orchestrator.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `orchestrator:${orchestrator.id}`;
  item.contextValue = 'orchestrator';
  const last = orchestrator.last_execution;
  item.iconPath = last?.status === 'running' ? new vscode.ThemeIcon('beaker~spin') : new vscode.ThemeIcon('beaker');
  item.description = last
    ? `${orchestrator.orchestrator_type} · ${progressText(last, unit)}`
    : `${orchestrator.orchestrator_type} · never run`;
  if (config?.problem) item.description = `${item.description} · config invalid`;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(orchestrator.name)}** — \`${orchestrator.orchestrator_type}\`\n\n`);
  if (orchestrator.tags.length > 0)
    tooltip.appendMarkdown(`Tags: ${orchestrator.tags.map((t) => `\`${t}\``).join(' ')}\n\n`);
  if (orchestrator.config_file) tooltip.appendMarkdown(`File: \`${escapeMarkdown(orchestrator.config_file)}\`\n\n`);
  if (config?.problem) tooltip.appendMarkdown(`Config invalid: ${escapeMarkdown(config.problem)}\n\n`);
  tooltip.appendMarkdown(`Updated ${new Date(orchestrator.updated_at).toLocaleString()}`);
  item.tooltip = tooltip;
  return item;
}

/** `unit`: "objective" for an attack's run, "prompt" for prompt_sending's (see unitOf). */
export function executionTreeItem(execution: Execution, unit = 'prompt'): vscode.TreeItem {
  const item = new vscode.TreeItem(
    startedLabel(execution),
    execution.execution_summary ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `execution:${execution.execution_id}`;
  item.contextValue = executionContextValue(execution);
  item.iconPath = STATUS_ICONS[execution.status];
  item.description = progressText(execution, unit);
  const status = STATUS_LABELS[execution.status];
  item.accessibilityInformation = { label: `${item.label as string}, ${status}: ${item.description}` };
  item.tooltip = new vscode.MarkdownString(
    [
      `**${escapeMarkdown(execution.orchestrator_name)}** — ${status}`,
      escapeMarkdown(headline(execution, unit)),
      escapeMarkdown(ratesText(execution)),
      ...usageLines(execution).map(escapeMarkdown),
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
