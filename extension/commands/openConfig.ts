import * as vscode from 'vscode';
import { orchestratorFromArgument, uriFromArgument } from './commandArguments';

/** ViolentUTF: Open Config — the file an orchestrator (or a workspace config row) of the tree is keyed by. */
export async function openConfig(argument: unknown): Promise<vscode.Uri | undefined> {
  const orchestrator = orchestratorFromArgument(argument);
  const uri =
    uriFromArgument(argument) ?? (orchestrator?.config_file ? vscode.Uri.file(orchestrator.config_file) : undefined);
  if (!uri) {
    void vscode.window.showWarningMessage(
      `"${orchestrator?.name ?? 'This orchestrator'}" was saved without a config file; launch it once from its file to tie the two.`,
    );
    return undefined;
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}
