import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import { startedLabel, progressText } from '../tree/executionText';
import { executionFromArgument } from './commandArguments';

export interface PyritMemoryDependencies {
  client: DaemonClient;
  /** Refreshes the orchestrators tree after an import added executions. */
  refresh: () => unknown;
}

function idOf(argument: unknown): string | undefined {
  const given = executionFromArgument(argument);
  if (typeof given === 'string') return given;
  return given?.execution_id;
}

/** The tree passes (clicked node, selected nodes); a palette run passes nothing and the user picks. */
async function executionIds(client: DaemonClient, first: unknown, selected: unknown): Promise<string[]> {
  const fromSelection = Array.isArray(selected)
    ? selected.map(idOf).filter((id): id is string => id !== undefined)
    : [];
  if (fromSelection.length > 0) return fromSelection;
  const one = idOf(first);
  if (one !== undefined) return [one];
  const { executions } = await client.request('executions/list', { limit: 200 });
  const picked = await vscode.window.showQuickPick(
    executions.map((execution) => ({
      label: execution.orchestrator_name,
      description: `${startedLabel(execution)} · ${progressText(execution)}`,
      detail: execution.execution_id,
      id: execution.execution_id,
    })),
    { title: 'Export to PyRIT memory: the runs to put in the file', canPickMany: true, matchOnDetail: true },
  );
  return picked?.map((item) => item.id) ?? [];
}

/** `violentutf.exportPyritMemory`: runs → a SQLite file PyRIT's own releases open (docs/pyrit.md). */
export async function exportPyritMemory(
  deps: PyritMemoryDependencies,
  first?: unknown,
  selected?: unknown,
): Promise<unknown> {
  const ids = await executionIds(deps.client, first, selected);
  if (ids.length === 0) return undefined;
  const target = await vscode.window.showSaveDialog({
    title: 'Export to PyRIT memory',
    saveLabel: 'Export',
    filters: { 'PyRIT memory (SQLite)': ['db', 'sqlite'] },
    defaultUri: vscode.Uri.file('pyrit-memory.db'),
  });
  if (target === undefined) return undefined;
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Exporting to a PyRIT memory…' },
    () => deps.client.request('results/export', { execution_ids: ids, format: 'pyrit-sqlite', path: target.fsPath }),
  );
  void vscode.window.showInformationMessage(
    `Wrote ${written.rows} attack result(s) to ${written.path}. PyRIT opens it with SQLiteMemory(db_path=…).`,
  );
  return written;
}

/** `violentutf.openPyritMemory`: a PyRIT memory's attacks become executions in the tree, results panel and reports. */
export async function openPyritMemory(deps: PyritMemoryDependencies): Promise<unknown> {
  const [file] =
    (await vscode.window.showOpenDialog({
      title: 'Open PyRIT memory',
      openLabel: 'Import',
      canSelectMany: false,
      filters: { 'PyRIT memory': ['db', 'sqlite', 'duckdb'], 'All files': ['*'] },
    })) ?? [];
  if (file === undefined) return undefined;
  const imported = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Importing the PyRIT memory…' },
    async (progress) => {
      const subscription = deps.client.onNotification('memory/importProgress', (update) => {
        if (update.path !== file.fsPath) return;
        const what = update.stage === 'reading' ? `reading ${update.table ?? ''}` : update.stage;
        progress.report({ message: `${what} ${update.done}/${update.total}` });
      });
      try {
        return await deps.client.request('memory/importPyrit', { path: file.fsPath });
      } finally {
        subscription.dispose();
      }
    },
  );
  await deps.refresh();
  const first = imported.executions[0];
  const message = `Imported ${imported.attack_results_added} attack result(s) in ${imported.executions.length} execution(s) from ${file.fsPath}.`;
  if (first === undefined) {
    void vscode.window.showInformationMessage(`${message} The file holds no attack.`);
    return imported;
  }
  const choice = await vscode.window.showInformationMessage(message, 'Show Results');
  if (choice === 'Show Results') await vscode.commands.executeCommand('violentutf.showResults', first.execution_id);
  return imported;
}
