import { notifications, type NotificationMethod } from '../protocol/methods';
import type { DaemonLink, Subscription } from './daemonLink';
import { hasEnded, type Execution } from './executionStatus';

export type Progress = Execution['progress'];

export interface FollowOptions {
  /** Each progress the follower learns of, pushed or fetched; the last call carries the ended run's. */
  onProgress?: (progress: Progress) => void;
  /** Aborting asks the daemon to cancel the run; the follow still settles with the run's end. */
  cancel?: AbortSignal;
  /** Aborting stops following (the run goes on): the follow rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** executions/cancel failed, so the run may still be going. */
export class CancelFailed extends Error {
  constructor(
    readonly executionId: string,
    readonly reason: Error,
  ) {
    super(`cancelling execution ${executionId} failed: ${reason.message}`);
  }
}

/** How often a link that cannot say it missed notifications is asked again, in case it did. */
const POLL_MS = 5_000;

const OTHER_NOTIFICATIONS = (Object.keys(notifications) as NotificationMethod[]).filter(
  (method) => method !== 'executions/changed' && method !== 'executions/progress',
);

/**
 * Follows an execution until it ends and settles with its final state. Call it once executions/start or
 * executions/resume has answered: it subscribes first and then asks for the status, so a run that ended before
 * the subscription is seen too. A gap in the notifications' `seq` (the daemon numbers each connection's
 * notifications, whatever their method) or a reconnect means something was missed, and the status is asked again.
 */
export function followExecution(
  link: DaemonLink,
  executionId: string,
  options: FollowOptions = {},
): Promise<Execution> {
  const { signal, cancel, onProgress } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<Execution>((resolve, reject) => {
    const subscriptions: Subscription[] = [];
    let settled = false;
    let lastSeq: number | undefined;
    let fetching = false;
    let fetchAgain = false;

    const settle = (end: () => void): void => {
      if (settled) return;
      settled = true;
      for (const subscription of subscriptions) subscription.dispose();
      end();
    };
    const see = (execution: Execution): void => {
      if (settled || execution.execution_id !== executionId) return;
      onProgress?.(execution.progress);
      if (hasEnded(execution)) settle(() => resolve(execution));
    };
    // One executions/get at a time; asks that come meanwhile are folded into one more.
    const fetch = (): void => {
      if (settled) return;
      if (fetching) {
        fetchAgain = true;
        return;
      }
      fetching = true;
      link.request('executions/get', { execution_id: executionId }).then(
        (execution) => {
          fetching = false;
          see(execution);
          if (fetchAgain) {
            fetchAgain = false;
            fetch();
          }
        },
        (error: Error) => settle(() => reject(error)),
      );
    };
    const noteSeq = (seq: number): void => {
      const gap = lastSeq !== undefined && seq !== lastSeq + 1;
      lastSeq = seq;
      if (gap) fetch();
    };

    subscriptions.push(
      link.onNotification('executions/changed', ({ seq, execution }) => {
        noteSeq(seq);
        see(execution);
      }),
      link.onNotification('executions/progress', ({ seq, execution_id, completed, total, errors }) => {
        noteSeq(seq);
        if (!settled && execution_id === executionId) onProgress?.({ completed, total, errors });
      }),
      // The others say nothing about the run, but their seq is part of the count a gap shows in.
      ...OTHER_NOTIFICATIONS.map((method) => link.onNotification(method, ({ seq }) => noteSeq(seq))),
    );
    if (link.onDidResync) subscriptions.push(link.onDidResync(fetch));
    else {
      const timer = setInterval(fetch, POLL_MS);
      subscriptions.push({ dispose: () => clearInterval(timer) });
    }
    if (signal) {
      const stop = (): void => settle(() => reject(signal.reason));
      signal.addEventListener('abort', stop, { once: true });
      subscriptions.push({ dispose: () => signal.removeEventListener('abort', stop) });
    }
    if (cancel) {
      const cancelRun = (): void => {
        link
          .request('executions/cancel', { execution_id: executionId })
          .then(see, (error: Error) => settle(() => reject(new CancelFailed(executionId, error))));
      };
      if (cancel.aborted) cancelRun();
      else {
        cancel.addEventListener('abort', cancelRun, { once: true });
        subscriptions.push({ dispose: () => cancel.removeEventListener('abort', cancelRun) });
      }
    }
    fetch();
  });
}
