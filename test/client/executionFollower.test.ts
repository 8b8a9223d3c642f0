import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { DaemonLink, RequestArgs, Subscription } from '../../client/daemonLink';
import { CancelFailed, followExecution, type Progress } from '../../client/executionFollower';
import { allResults } from '../../client/executionResults';
import { hasEnded, type Execution } from '../../client/executionStatus';
import { requests, type NotificationMethod, type RequestMethod } from '../../protocol/methods';

/** A link over a real connection that loses the notifications `drop` picks and can announce a resync. */
class LossyLink implements DaemonLink {
  private readonly resyncListeners = new Set<() => void>();
  cancelFails = false;

  constructor(
    private readonly connection: DaemonConnection,
    private readonly drop: (method: NotificationMethod, params: unknown) => boolean,
  ) {}

  request<M extends RequestMethod>(method: M, ...args: RequestArgs<M>) {
    if (this.cancelFails && method === 'executions/cancel') return Promise.reject(new Error('the socket broke'));
    return this.connection.request(method, ...args);
  }

  onNotification: DaemonLink['onNotification'] = (method, handler) =>
    this.connection.onNotification(method, (params) => {
      if (!this.drop(method, params)) handler(params);
    });

  readonly onDidResync = (listener: () => void): Subscription => {
    this.resyncListeners.add(listener);
    return { dispose: () => this.resyncListeners.delete(listener) };
  };

  resync(): void {
    for (const listener of this.resyncListeners) listener();
  }
}

/** A follow that should settle soon: a hang fails the test instead of stalling the suite. */
function within<T>(promise: Promise<T>, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const SCORER = { type: 'substring', substring: 'PWNED', category: 'jailbreak' };

describe('execution follower (real daemon)', () => {
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let fastId: string;
  let slowId: string;

  before(async () => {
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
    fastId = (
      await alice.request('orchestrators/create', {
        name: 'follower fast',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo', prefix: 'PWNED: ' }, scorers: [SCORER], batch_size: 8 },
      })
    ).id;
    slowId = (
      await alice.request('orchestrators/create', {
        name: 'follower slow',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo', delay_ms: 150 }, batch_size: 1 },
      })
    ).id;
  });
  after(async () => {
    alice.close();
    await daemon.stop();
  });

  const start = async (orchestratorId: string, prompts: number): Promise<string> =>
    (
      await alice.request('executions/start', {
        orchestrator_id: orchestratorId,
        execution_type: 'prompt_list',
        input_data: { prompt_list: Array.from({ length: prompts }, (_, index) => `prompt ${index}`) },
      })
    ).execution_id;

  const statusOf = async (executionId: string): Promise<Execution> =>
    alice.request('executions/get', { execution_id: executionId });
  const ended = (executionId: string) =>
    waitFor('the run to end', async () => ((await statusOf(executionId)).status === 'running' ? undefined : true));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('classifies every status of the protocol: only the one executions/start answers with is live', () => {
    const statuses = requests['executions/get'].result.shape.status.options;
    const live = statuses.filter((status) => !hasEnded({ status } as Execution));
    assert.deepEqual(live, ['running']);
    assert.ok(statuses.length > 1);
  });

  it('follows a run to its end, reporting progress, the last report being the final one', async () => {
    const executionId = await start(fastId, 40);
    const reports: Progress[] = [];
    const execution = await followExecution(alice, executionId, { onProgress: (progress) => reports.push(progress) });
    assert.equal(execution.status, 'completed', execution.error ?? '');
    assert.deepEqual(execution.progress, { completed: 40, total: 40, errors: 0 });
    assert.deepEqual(reports.at(-1), execution.progress);
  });

  it('counts errors in progress: a run whose target is down ends failed, every prompt an error', async () => {
    const { id } = await alice.request('orchestrators/create', {
      name: 'follower down',
      orchestrator_type: 'prompt_sending',
      parameters: {
        // Nothing listens on the discard port: every prompt is refused at once, no retry.
        objective_target: {
          type: 'openai_chat',
          endpoint: 'http://127.0.0.1:9/v1/chat/completions',
          model: 'none',
          max_retries: 0,
        },
        scorers: [SCORER],
      },
    });
    const reports: Progress[] = [];
    const execution = await followExecution(alice, await start(id, 3), {
      onProgress: (progress) => reports.push(progress),
    });
    assert.equal(execution.status, 'failed');
    assert.deepEqual(execution.progress, { completed: 3, total: 3, errors: 3 });
    assert.deepEqual(reports.at(-1), execution.progress);
    assert.deepEqual(execution.figures.outcomes, { success: 0, failure: 0, error: 3, undetermined: 0 });
  });

  it('settles at once for a run that ended before it was followed', async () => {
    const executionId = await start(fastId, 3);
    await ended(executionId);
    const execution = await followExecution(alice, executionId);
    assert.equal(execution.status, 'completed');
  });

  it('cancels the run when the cancel signal aborts, and settles with its end', async () => {
    const executionId = await start(slowId, 40);
    const cancel = new AbortController();
    const following = followExecution(alice, executionId, {
      cancel: cancel.signal,
      onProgress: ({ completed }) => {
        if (completed >= 2) cancel.abort();
      },
    });
    const execution = await following;
    assert.equal(execution.status, 'cancelled');
    assert.ok(execution.progress.completed < 40);
  });

  it('rejects with CancelFailed when executions/cancel fails', async () => {
    const executionId = await start(slowId, 20);
    const link = new LossyLink(alice, () => false);
    link.cancelFails = true;
    const cancel = new AbortController();
    cancel.abort();
    await assert.rejects(followExecution(link, executionId, { cancel: cancel.signal }), CancelFailed);
    await alice.request('executions/cancel', { execution_id: executionId });
  });

  it('stops following when its signal aborts, and the run goes on', async () => {
    const executionId = await start(slowId, 20);
    const stop = new AbortController();
    const following = followExecution(alice, executionId, { signal: stop.signal });
    const reason = new Error('the view closed');
    stop.abort(reason);
    await assert.rejects(following, (error) => error === reason);
    assert.equal((await statusOf(executionId)).status, 'running');
    await alice.request('executions/cancel', { execution_id: executionId });
  });

  const createOrchestrator = (name: string) =>
    alice.request('orchestrators/create', {
      name,
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo' } },
    });

  it('asks again on a gap in seq: the end announced in a lost notification is still seen', async () => {
    // Slow enough that the follower's first executions/get sees it running.
    const executionId = await start(slowId, 4);
    const link = new LossyLink(alice, (method) => method === 'executions/changed');
    let settled = false;
    const following = followExecution(link, executionId).finally(() => (settled = true));
    await createOrchestrator('follower gap before');
    await ended(executionId);
    await sleep(300);
    assert.equal(settled, false, 'nothing told the follower yet: its link lost the end and is never polled');
    // The next notification of any method carries a seq one past the lost one.
    await createOrchestrator('follower gap after');
    assert.equal((await within(following)).status, 'completed');
  });

  it('asks again when the link resyncs (a reconnect), even with every notification lost', async () => {
    const executionId = await start(slowId, 4);
    const link = new LossyLink(alice, () => true);
    let settled = false;
    const following = followExecution(link, executionId).finally(() => (settled = true));
    await ended(executionId);
    await sleep(300);
    assert.equal(settled, false);
    link.resync();
    assert.equal((await within(following)).status, 'completed');
  });

  it('DaemonConnection hands each notification to every subscriber of its method', async () => {
    const first: number[] = [];
    const second: number[] = [];
    const a = alice.onNotification('executions/progress', ({ seq }) => first.push(seq));
    const b = alice.onNotification('executions/progress', ({ seq }) => second.push(seq));
    try {
      await followExecution(alice, await start(fastId, 10));
      assert.ok(first.length > 0);
      assert.deepEqual(first, second);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('pages every result by cursor, past the largest page', async () => {
    const executionId = await start(fastId, 1201);
    await followExecution(alice, executionId);
    const items = await allResults(alice, executionId);
    assert.equal(items.length, 1201);
    assert.equal(new Set(items.map((item) => item.conversation_id)).size, 1201, 'no result twice');
    assert.deepEqual(
      new Set(items.map((item) => item.request.original_value)),
      new Set(Array.from({ length: 1201 }, (_, index) => `prompt ${index}`)),
    );
  });
});
