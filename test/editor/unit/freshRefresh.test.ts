import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FreshRefresh } from '../../../extension/tree/freshRefresh';

/**
 * A fake daemon list: each fetch reads the runs that exist when it starts and is answered when the test lets it
 * go, so a test decides what happens while a fetch is in flight (the race of a launch during a refresh).
 */
function fakeList() {
  const runs: string[] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let shown: string[] = [];
  let fetches = 0;
  const refresh = new FreshRefresh(async () => {
    fetches += 1;
    const seen = [...runs];
    await new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    shown = seen;
  });
  return {
    refresh,
    runs,
    shown: () => shown,
    fetches: () => fetches,
    /** Answers the oldest fetch in flight, after letting queued work start. */
    async answer(error?: Error): Promise<void> {
      await new Promise((resolve) => setImmediate(resolve));
      const next = pending.shift();
      assert.ok(next, 'a fetch is in flight');
      if (error) next.reject(error);
      else next.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

test('a refresh asked for after a launch shows the run, even when a fetch started before the launch is in flight', async () => {
  const list = fakeList();
  const before = list.refresh.request();
  list.runs.push('run-1'); // the launch: the daemon has the run, the fetch in flight does not
  const after = list.refresh.request();
  await list.answer();
  await before;
  assert.deepEqual(list.shown(), [], 'the first fetch started before the launch');
  await list.answer();
  await after;
  assert.deepEqual(list.shown(), ['run-1'], 'the refresh asked for after the launch is answered by a newer fetch');
  assert.equal(list.fetches(), 2);
});

test('refreshes asked for while a fetch is in flight share one more fetch; an idle one starts its own', async () => {
  const list = fakeList();
  const first = list.refresh.request();
  const queued = [list.refresh.request(), list.refresh.request(), list.refresh.request()];
  assert.equal(queued[0], queued[1]);
  assert.equal(queued[1], queued[2]);
  await list.answer();
  await first;
  await list.answer();
  await Promise.all(queued);
  assert.equal(list.fetches(), 2, 'three requests during one fetch cost one more fetch, not three');
  const idle = list.refresh.request();
  await list.answer();
  await idle;
  assert.equal(list.fetches(), 3, 'with nothing in flight a request fetches at once');
});

test('a fetch that fails still lets the queued one run', async () => {
  const list = fakeList();
  const failing = list.refresh.request();
  list.runs.push('run-2');
  const after = list.refresh.request();
  await list.answer(new Error('daemon went away'));
  await assert.rejects(failing, /daemon went away/);
  await list.answer();
  await after;
  assert.deepEqual(list.shown(), ['run-2']);
});
