import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { summaryText } from '../tree/executionText';

/**
 * Shows a running execution as a cancellable progress notification driven by pushed `executions/progress` and
 * `executions/changed`; Cancel sends `executions/cancel`. Resolves with the final execution (or undefined when the
 * connection was lost). Nothing here blocks the command that started the run.
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
      (progress, token) =>
        new Promise<Execution | undefined>((resolve) => {
          let reported = 0;
          const subscriptions: vscode.Disposable[] = [];
          const finish = (execution: Execution | undefined): void => {
            for (const subscription of subscriptions) subscription.dispose();
            resolve(execution);
          };
          const report = (completed: number, total: number, failed: number): void => {
            const percent = total > 0 ? (completed / total) * 100 : 0;
            progress.report({
              increment: Math.max(0, percent - reported),
              message: `${completed}/${total}${failed ? `, ${failed} failed` : ''}`,
            });
            reported = Math.max(reported, percent);
          };
          subscriptions.push(
            client.onNotification('executions/progress', (params) => {
              if (params.execution_id === executionId) report(params.completed, params.total, params.failed);
            }),
            client.onNotification('executions/changed', ({ execution }) => {
              if (execution.execution_id !== executionId) return;
              report(execution.progress.completed, execution.progress.total, execution.progress.failed);
              if (execution.status !== 'running') finish(execution);
            }),
            client.onDidChangeState((state) => {
              if (state.kind === 'down') finish(undefined);
            }),
            token.onCancellationRequested(() => {
              log.info(`cancelling execution ${executionId}`);
              client.request('executions/cancel', { execution_id: executionId }).then(
                (execution) => finish(execution),
                (error: Error) => {
                  void vscode.window.showErrorMessage(`Cancel failed: ${error.message}`);
                  finish(undefined);
                },
              );
            }),
          );
          // The run may have ended before we subscribed (a tiny prompt list against the echo target).
          client.request('executions/get', { execution_id: executionId }).then(
            (execution) => {
              report(execution.progress.completed, execution.progress.total, execution.progress.failed);
              if (execution.status !== 'running') finish(execution);
            },
            () => undefined,
          );
        }),
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
