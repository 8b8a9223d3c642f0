import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { allResults } from '../../client/executionResults';
import { toCsv, toJsonLines } from '../panels/resultsExport';

export type ExportFormat = 'csv' | 'jsonl';

export interface Exported {
  file: string;
  rows: number;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: 'for a spreadsheet (formulas neutralised)', format: 'csv' as const },
      { label: 'JSON Lines', description: 'one result per line, for jq and pandas', format: 'jsonl' as const },
    ],
    { title: 'Export the results as' },
  );
  return picked?.format;
}

/**
 * Every result of a run into a file (every page fetched), then a notice with Open File. The results panel's
 * Export buttons and the tree's "Export…" both come here; `target` skips the save dialog (tests, keybindings).
 */
export async function exportResults(
  client: DaemonClient,
  execution: Pick<Execution, 'execution_id' | 'orchestrator_name'>,
  format?: ExportFormat,
  target?: vscode.Uri,
): Promise<Exported | undefined> {
  const chosen = format ?? (await pickFormat());
  if (!chosen) return undefined;
  const safeName = execution.orchestrator_name.replace(/[^\w.-]+/g, '_');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${safeName}-${execution.execution_id}.${chosen}`) : undefined,
      filters: chosen === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
      saveLabel: `Export ${chosen.toUpperCase()}`,
    }));
  if (!file) return undefined;
  const items = await allResults(client, execution.execution_id);
  const text = chosen === 'csv' ? toCsv(items) : toJsonLines(items);
  await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
  void vscode.window
    .showInformationMessage(`Exported ${items.length} results to ${file.fsPath}`, 'Open File')
    .then((choice) => {
      if (choice) void vscode.window.showTextDocument(file);
    });
  return { file: file.fsPath, rows: items.length };
}
