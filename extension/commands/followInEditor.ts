import type * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution } from '../tree/orchestratorStore';
import { CancelFailed, followExecution, type Progress } from '../../client/executionFollower';

export interface EditorFollowOptions {
  /** Cancelling it cancels the run on the daemon. */
  token: vscode.CancellationToken;
  onProgress: (progress: Progress) => void;
  onCancelFailed: (error: Error) => void;
  log: vscode.LogOutputChannel;
  /** Stop following when the connection drops at all (not only when the daemon is down for good). */
  stopOnDisconnect?: boolean;
}

class DaemonDown extends Error {}

/**
 * The execution follower as the editor's views use it. Settles with the ended execution, or with undefined when
 * its end cannot be known: the daemon went down for good (reconnects are waited out), the cancel failed, or the
 * daemon could not be asked.
 */
export async function followInEditor(
  client: DaemonClient,
  executionId: string,
  options: EditorFollowOptions,
): Promise<Execution | undefined> {
  const cancel = new AbortController();
  const down = new AbortController();
  const subscriptions = [
    options.token.onCancellationRequested(() => cancel.abort()),
    client.onDidChangeState((state) => {
      if (state.kind === 'down' || (options.stopOnDisconnect && state.kind !== 'connected'))
        down.abort(new DaemonDown(state.kind === 'down' || state.kind === 'reconnecting' ? state.reason : state.kind));
    }),
  ];
  if (options.token.isCancellationRequested) cancel.abort();
  try {
    return await followExecution(client, executionId, {
      onProgress: options.onProgress,
      cancel: cancel.signal,
      signal: down.signal,
    });
  } catch (error) {
    if (error instanceof CancelFailed) options.onCancelFailed(error.reason);
    else if (!(error instanceof DaemonDown))
      options.log.warn(`lost track of execution ${executionId}: ${(error as Error).message}`);
    return undefined;
  } finally {
    for (const subscription of subscriptions) subscription.dispose();
  }
}
