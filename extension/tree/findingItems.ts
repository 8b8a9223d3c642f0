import * as vscode from 'vscode';
import type { Finding } from './findingsStore';

/** The "Findings" row under an orchestrator, and each finding under it. */
export type FindingsNode = { kind: 'findings'; orchestratorId: string; findings: Finding[] };
export type FindingNode = { kind: 'finding'; finding: Finding };

/** Worst first, each with its own codicon and theme colour, so a list of findings reads at a glance. */
const SEVERITY_ICONS: Record<Finding['severity'], vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('flame', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  high: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  info: new vscode.ThemeIcon('circle-outline'),
};

export function severityIcon(severity: Finding['severity']): vscode.ThemeIcon {
  return SEVERITY_ICONS[severity];
}

function countBySeverity(findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return [...counts].map(([severity, count]) => `${count} ${severity}`).join(' · ');
}

export function findingsTreeItem(node: FindingsNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Findings', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `findings:${node.orchestratorId}`;
  item.contextValue = 'findings';
  item.iconPath = new vscode.ThemeIcon('bookmark');
  item.description = countBySeverity(node.findings);
  return item;
}

/**
 * A finding: its severity's icon, its title, its harm category beside it, and its description as the tooltip —
 * a plain string, not Markdown, since a finding quotes model output. A click opens the results panel at it.
 */
export function findingTreeItem(finding: Finding): vscode.TreeItem {
  const item = new vscode.TreeItem(finding.title, vscode.TreeItemCollapsibleState.None);
  item.id = `finding:${finding.finding_id}`;
  item.contextValue = 'finding';
  item.iconPath = severityIcon(finding.severity);
  const evidence = `${finding.evidence.length} result${finding.evidence.length === 1 ? '' : 's'}`;
  item.description = [finding.severity, finding.harm_category, evidence].filter(Boolean).join(' · ');
  item.tooltip = [`${finding.severity}: ${finding.title}`, finding.description ?? '(no description)']
    .filter(Boolean)
    .join('\n\n');
  item.accessibilityInformation = { label: `${finding.severity} finding: ${finding.title}, ${evidence} as evidence` };
  item.command = { command: 'violentutf.openFinding', title: 'Open Finding', arguments: [finding] };
  return item;
}
