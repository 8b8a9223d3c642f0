import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { progressText, startedLabel } from '../tree/executionText';
import { executionFromArgument } from './commandArguments';

export interface CompareDependencies {
  client: DaemonClient;
  /** Opens (or reveals) the compare panel for the pair. */
  showComparison: (baseId: string, headId: string) => unknown;
}

function executionIdOf(argument: unknown): string | undefined {
  const given = executionFromArgument(argument);
  if (typeof given === 'string') return given;
  if (given) return given.execution_id;
  if (
    typeof argument === 'object' &&
    argument !== null &&
    typeof (argument as { execution_id?: unknown }).execution_id === 'string'
  ) {
    return (argument as { execution_id: string }).execution_id;
  }
  return undefined;
}

async function pickExecution(
  candidates: Execution[],
  title: string,
  placeHolder: string,
): Promise<Execution | undefined> {
  const picked = await vscode.window.showQuickPick(
    candidates.map((execution) => ({
      label: execution.orchestrator_name,
      description: `${startedLabel(execution)} · ${progressText(execution)}`,
      detail: execution.execution_id,
      execution,
    })),
    { title, placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.execution;
}

/**
 * `violentutf.compareExecutions [base] [head]`: both given (ids, tree nodes or executions) → no question asked.
 * One given (the tree's context menu, the results panel's "Compare with…") → that run is the head, the run to
 * judge, and the user picks the baseline; runs of the same orchestrator are offered first. None → two picks.
 * Returns the pair it opened, or undefined when the user backed out.
 */
export async function compareExecutions(
  deps: CompareDependencies,
  first?: unknown,
  second?: unknown,
): Promise<unknown> {
  // The tree passes (clicked node, selected nodes): a multi-selection of two executions is a full pair.
  if (Array.isArray(second)) {
    const selected = second.map(executionIdOf).filter((id): id is string => id !== undefined);
    second = selected.length === 2 ? selected[1] : undefined;
    if (selected.length === 2) first = selected[0];
  }
  let baseId = second === undefined ? undefined : executionIdOf(first);
  let headId = second === undefined ? executionIdOf(first) : executionIdOf(second);
  if (baseId && headId) return deps.showComparison(baseId, headId);

  const { executions } = await deps.client.request('executions/list', { limit: 200 });
  if (executions.length < 2 && !(headId && executions.length >= 1)) {
    void vscode.window.showInformationMessage('Comparing needs two executions; launch an orchestrator (again) first.');
    return undefined;
  }
  if (!headId) {
    const head = await pickExecution(
      executions,
      'Compare executions (1/2): the run to judge (head)',
      'orchestrator, time, status or id',
    );
    if (!head) return undefined;
    headId = head.execution_id;
  }
  const head =
    executions.find((e) => e.execution_id === headId) ??
    (await deps.client.request('executions/get', { execution_id: headId }));
  const others = executions.filter((e) => e.execution_id !== headId);
  if (others.length === 0) {
    void vscode.window.showInformationMessage('There is no other execution to compare with.');
    return undefined;
  }
  // Same orchestrator first (the usual "did the new model version regress?"), each group most recent first.
  others.sort(
    (a, b) => Number(b.orchestrator_id === head.orchestrator_id) - Number(a.orchestrator_id === head.orchestrator_id),
  );
  const base = await pickExecution(
    others,
    `Compare executions (2/2): the baseline for ${head.orchestrator_name} · ${startedLabel(head)}`,
    'the earlier run to compare against',
  );
  if (!base) return undefined;
  baseId = base.execution_id;
  return deps.showComparison(baseId, headId);
}
