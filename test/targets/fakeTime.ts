import { waitFor } from '../helpers/daemonHarness';
import { settle, type FakeClock } from '../helpers/fakeClock';

/**
 * Driving a target on fake time while a real server plays the model. A request is in flight exactly as long as
 * its attempt's timeout timer is pending, so "some timer pending, none of them a request timeout" means the
 * target is only waiting on the clock (backoff, rate limit) — and only then may the test move time. Time then
 * never passes while a request is on the wire: what the server and the target read off the clock is exact, and
 * no request times out because the test moved the clock. Give the target a timeout no wait of the test equals.
 */
function onlyWaitingOnTheClock(clock: FakeClock, requestTimeoutMs: number): boolean {
  const pending = clock.pending;
  return pending.length > 0 && pending.every((timer) => timer.delayMs !== requestTimeoutMs);
}

/** Resolves once the target waits on the clock with no request in flight, or once `done()` says so. */
export async function untilOnlyWaitingOnTheClock(
  clock: FakeClock,
  requestTimeoutMs: number,
  done: () => boolean = () => false,
): Promise<void> {
  // A send starts its attempt in a promise job; without this turn its timeout timer may not be set yet.
  await settle();
  await waitFor(
    'the target to wait on the fake clock with no request in flight',
    () => done() || onlyWaitingOnTheClock(clock, requestTimeoutMs) || undefined,
    10_000,
  );
}

/** Settles `work`, moving the clock to the next timer each time the target is only waiting on it. */
export async function settleOnFakeTime<T>(clock: FakeClock, work: Promise<T>, requestTimeoutMs: number): Promise<T> {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (;;) {
    await untilOnlyWaitingOnTheClock(clock, requestTimeoutMs, () => settled);
    if (settled) return work;
    await clock.advanceToNextTimer();
  }
}
