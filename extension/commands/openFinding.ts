import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { ResultsPanel } from '../panels/resultsPanel';
import type { Execution } from '../tree/orchestratorStore';
import type { Finding } from '../tree/findingsStore';

function isFinding(value: unknown): value is Finding {
  const finding = value as Partial<Finding> | null | undefined;
  return (
    typeof finding === 'object' &&
    finding !== null &&
    typeof finding.finding_id === 'string' &&
    Array.isArray(finding.evidence)
  );
}

/**
 * A click on a finding in the tree: the results panel of its newest evidence's run, scrolled to the finding. A
 * finding without evidence (or whose runs are gone) is shown read-only in a dialog, as plain text.
 */
export async function openFinding(
  deps: { client: DaemonClient; showResults: (execution: Execution) => ResultsPanel },
  argument: unknown,
): Promise<string | undefined> {
  const given = isFinding(argument)
    ? argument
    : typeof argument === 'string'
      ? (await deps.client.request('findings/list')).findings.find((finding) => finding.finding_id === argument)
      : undefined;
  if (!given) return undefined;
  const newest = [...given.evidence].sort((a, b) => b.added_at.localeCompare(a.added_at));
  for (const evidence of newest) {
    let execution: Execution;
    try {
      execution = await deps.client.request('executions/get', { execution_id: evidence.execution_id });
    } catch {
      continue;
    }
    const panel = deps.showResults(execution);
    // The panel draws its findings once it has them; then it can scroll to this one.
    void panel.findings
      .whenRendered((rendered) => rendered.findings.some((shown) => shown.finding_id === given.finding_id))
      .then(() => panel.findings.focus(given.finding_id));
    return execution.execution_id;
  }
  await vscode.window.showInformationMessage(`${given.severity}: ${given.title}`, {
    modal: true,
    detail: [
      given.harm_category ? `Harm category: ${given.harm_category}` : '',
      given.description ?? '(no description)',
      `Filed by ${given.operator}; no result of an existing run is linked as evidence.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  });
  return undefined;
}
