import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { summaryText } from '../tree/executionText';
import { followInEditor } from './followInEditor';

/**
 * Shows a running execution as a cancellable progress notification driven by what the execution follower learns;
 * Cancel cancels the run on the daemon. Resolves with the final execution (or undefined when the connection was
 * lost). Nothing here blocks the command that started the run.
 */
export function trackExecution(
  client: DaemonClient,
  executionId: string,
  title: string,
  log: vscode.LogOutputChannel,
): Promise<Execution | undefined> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        let reported = 0;
        const logCancel = token.onCancellationRequested(() => log.info(`cancelling execution ${executionId}`));
        try {
          return await followInEditor(client, executionId, {
            token,
            log,
            onProgress: ({ completed, total, failed }) => {
              const percent = total > 0 ? (completed / total) * 100 : 0;
              progress.report({
                increment: Math.max(0, percent - reported),
                message: `${completed}/${total}${failed ? `, ${failed} failed` : ''}`,
              });
              reported = Math.max(reported, percent);
            },
            onCancelFailed: (error) => void vscode.window.showErrorMessage(`Cancel failed: ${error.message}`),
          });
        } finally {
          logCancel.dispose();
        }
      },
    ),
  );
}

export function announceEnd(execution: Execution, showResults: (execution: Execution) => unknown): void {
  const text = `${execution.orchestrator_name}: ${execution.status}${summaryText(execution) ? ` — ${summaryText(execution)}` : ''}`;
  const show = execution.status === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  void show(execution.error ? `${text} (${execution.error})` : text, 'Show Results').then((choice) => {
    if (choice === 'Show Results') showResults(execution);
  });
}
