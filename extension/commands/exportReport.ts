import fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import { resolveExecution } from './executionCommands';

export type ReportFormat = 'html' | 'md';

async function pickFormat(): Promise<ReportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'HTML', description: 'one self-contained page: charts, findings, top attacks', format: 'html' as const },
      { label: 'Markdown', description: 'for a ticket, a wiki or a pull request', format: 'md' as const },
    ],
    { title: 'Export the report as' },
  );
  return picked?.format;
}

/**
 * ViolentUTF: Export Report…: the daemon's `results/report` of a run (figures, outcomes, by converter and scorer,
 * cost, findings with their evidence, top successful attacks) saved as one file, then a notice with Open File.
 * The results panel's Export report button and the tree's context menu come here; `format` and `target` skip the
 * questions (tests, keybindings). The file holds the run's prompts and answers: on disk it is created 0600, like
 * `vutf report` writes it. Returns the file's path.
 */
export async function exportReport(
  client: DaemonClient,
  argument?: unknown,
  format?: unknown,
  target?: unknown,
): Promise<string | undefined> {
  const execution = await resolveExecution(
    client,
    argument,
    () => true,
    'Export the report of which execution?',
    'There are no executions yet.',
  );
  if (!execution) return undefined;
  const chosen = format === 'html' || format === 'md' ? format : await pickFormat();
  if (!chosen) return undefined;
  const report = await client.request('results/report', { execution_id: execution.execution_id, format: chosen });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, report.file_name) : undefined,
          filters: chosen === 'html' ? { 'HTML report': ['html'] } : { 'Markdown report': ['md'] },
          saveLabel: 'Export Report',
        });
  if (!file) return undefined;
  if (file.scheme === 'file') {
    await fs.writeFile(file.fsPath, report.content, { encoding: 'utf8', mode: 0o600 });
    // An existing file keeps its mode on write: narrow it too.
    await fs.chmod(file.fsPath, 0o600);
  } else await vscode.workspace.fs.writeFile(file, Buffer.from(report.content, 'utf8'));
  void vscode.window
    .showInformationMessage(`Report of "${execution.orchestrator_name}" saved to ${file.fsPath}`, 'Open File')
    .then((choice) => {
      if (choice) void vscode.window.showTextDocument(file);
    });
  return file.fsPath;
}
