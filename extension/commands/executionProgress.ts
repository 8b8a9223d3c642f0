import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { hasErrorsToRetry, headline, STATUS_LABELS } from '../tree/executionText';
import { followInEditor } from './followInEditor';
import { commandFailure } from './commandTitles';
import { hasEnded } from '../../client/executionStatus';

/** How long a dropped connection is waited for before the run's end is left to the tree. */
const RECONNECT_WAIT_MS = 120_000;

function whenReconnected(client: DaemonClient): Promise<boolean> {
  return new Promise((resolve) => {
    if (client.state.kind === 'connected') return resolve(true);
    const timer = setTimeout(() => done(false), RECONNECT_WAIT_MS);
    const subscription = client.onDidChangeState((state) => {
      if (state.kind === 'connected') done(true);
      else if (state.kind === 'down') done(false);
    });
    function done(connected: boolean): void {
      clearTimeout(timer);
      subscription.dispose();
      resolve(connected);
    }
  });
}

/**
 * Shows a running execution as a cancellable progress notification driven by what the execution follower learns;
 * Cancel cancels the run on the daemon. Resolves with the final execution (or undefined when the connection was
 * lost). Nothing here blocks the command that started the run.
 *
 * The notification closes as soon as the connection drops: a daemon that crashed took the run with it, and a Cancel
 * pressed then would land on the replacement daemon and turn the interrupted run into a cancelled one. Once
 * reconnected, the run's stored state decides: ended (a crash leaves it `interrupted`, announced with Resume) or,
 * when only the socket dropped, followed again.
 */
export async function trackExecution(
  client: DaemonClient,
  executionId: string,
  title: string,
  log: vscode.LogOutputChannel,
): Promise<Execution | undefined> {
  const followed = await showProgress(client, executionId, title, log);
  if (followed !== undefined || client.state.kind === 'down') return followed;
  log.info(`lost the connection while following execution ${executionId}; waiting for the daemon`);
  if (!(await whenReconnected(client))) return undefined;
  let execution: Execution;
  try {
    execution = await client.request('executions/get', { execution_id: executionId });
  } catch (error) {
    log.warn(`execution ${executionId} after reconnecting: ${(error as Error).message}`);
    return undefined;
  }
  return hasEnded(execution) ? execution : trackExecution(client, executionId, title, log);
}

const shownProgress = new Set<string>();

/** Executions whose progress notification is on screen now (the editor tests read it; a toast cannot be). */
export function openProgressNotifications(): string[] {
  return [...shownProgress];
}

function showProgress(
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
        shownProgress.add(executionId);
        const logCancel = token.onCancellationRequested(() => log.info(`cancelling execution ${executionId}`));
        try {
          return await followInEditor(client, executionId, {
            token,
            log,
            stopOnDisconnect: true,
            onProgress: ({ completed, total, errors }) => {
              const percent = total > 0 ? (completed / total) * 100 : 0;
              progress.report({
                increment: Math.max(0, percent - reported),
                message: `${completed}/${total}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`,
              });
              reported = Math.max(reported, percent);
            },
            onCancelFailed: (error) =>
              void vscode.window.showErrorMessage(commandFailure('violentutf.cancelExecution', error)),
          });
        } finally {
          shownProgress.delete(executionId);
          logCancel.dispose();
        }
      },
    ),
  );
}

export interface EndActions {
  showResults: (execution: Execution) => unknown;
  retryErrors: (execution: Execution) => unknown;
  resume?: (execution: Execution) => unknown;
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
  const buttons = [
    ...(execution.status === 'interrupted' && actions.resume ? ['Resume'] : []),
    'Show Results',
    ...(hasErrorsToRetry(execution) ? ['Retry Errors'] : []),
  ];
  void toastFor(execution.status)(execution.error ? `${text} (${execution.error})` : text, ...buttons).then(
    (choice) => {
      if (choice === 'Show Results') actions.showResults(execution);
      if (choice === 'Retry Errors') actions.retryErrors(execution);
      if (choice === 'Resume') actions.resume?.(execution);
    },
  );
}
