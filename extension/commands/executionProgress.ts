import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { hasErrorsToRetry, headline, STATUS_LABELS } from '../tree/executionText';
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
            onProgress: ({ completed, total, errors }) => {
              const percent = total > 0 ? (completed / total) * 100 : 0;
              progress.report({
                increment: Math.max(0, percent - reported),
                message: `${completed}/${total}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`,
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

export interface EndActions {
  showResults: (execution: Execution) => unknown;
  retryErrors: (execution: Execution) => unknown;
}

/** Only a run whose every prompt was answered is good news; errors warn, a failed run is an error. */
function toastFor(status: Execution['status']): typeof vscode.window.showInformationMessage {
  switch (status) {
    case 'failed':
      return vscode.window.showErrorMessage;
    case 'completed_with_errors':
    case 'interrupted':
    case 'budget_exhausted':
      return vscode.window.showWarningMessage;
    case 'running':
    case 'completed':
    case 'cancelled':
      return vscode.window.showInformationMessage;
  }
}

/** "echo basics: 3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts — completed with errors". */
export function announceEnd(execution: Execution, actions: EndActions, unit = 'prompt'): void {
  const text = `${execution.orchestrator_name}: ${headline(execution, unit)} — ${STATUS_LABELS[execution.status]}`;
  const buttons = hasErrorsToRetry(execution) ? ['Show Results', 'Retry Errors'] : ['Show Results'];
  void toastFor(execution.status)(execution.error ? `${text} (${execution.error})` : text, ...buttons).then(
    (choice) => {
      if (choice === 'Show Results') actions.showResults(execution);
      if (choice === 'Retry Errors') actions.retryErrors(execution);
    },
  );
}
