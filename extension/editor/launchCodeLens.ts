import * as vscode from 'vscode';
import {
  configDocumentOf,
  isOrchestratorFile,
  ORCHESTRATOR_FILE_GLOB,
  secretNames,
} from '../orchestratorConfig/orchestratorFile';

/**
 * ▶ Launch above every `*.orchestrator.json`, like Run | Debug above a test; "Set API key" only for the keys the
 * config's targets name (`api_key_secret`) — an echo or local target needs none.
 */
export class LaunchCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isOrchestratorFile(document.uri.path)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const keys = secretNames(configDocumentOf(document.getText(), document.uri.fsPath)?.parameters);
    return [
      new vscode.CodeLens(top, {
        title: '▶ Launch',
        tooltip: 'Save this configuration in the daemon and start a run',
        command: 'violentutf.launchOrchestrator',
        arguments: [document.uri],
      }),
      ...keys.map(
        (name) =>
          new vscode.CodeLens(top, {
            title: `Set API key "${name}"`,
            tooltip: `Store the API key "${name}" in secret storage (it never lands in a file)`,
            command: 'violentutf.setTargetApiKey',
            arguments: [name],
          }),
      ),
    ];
  }
}

export function registerLaunchCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider([{ pattern: ORCHESTRATOR_FILE_GLOB }], new LaunchCodeLensProvider());
}
