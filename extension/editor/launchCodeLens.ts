import * as vscode from 'vscode';
import { isOrchestratorFile, ORCHESTRATOR_FILE_GLOB } from '../orchestratorConfig/orchestratorFile';

/** ▶ Launch above every `*.orchestrator.json`, like Run | Debug above a test. */
export class LaunchCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isOrchestratorFile(document.uri.path)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: '▶ Launch',
        tooltip: 'Save this configuration in the daemon and start a run',
        command: 'violentutf.launchOrchestrator',
        arguments: [document.uri],
      }),
      new vscode.CodeLens(top, {
        title: 'Set API key',
        tooltip: 'Store a target API key in secret storage',
        command: 'violentutf.setTargetApiKey',
      }),
    ];
  }
}

export function registerLaunchCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider([{ pattern: ORCHESTRATOR_FILE_GLOB }], new LaunchCodeLensProvider());
}
