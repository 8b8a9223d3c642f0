import type { Clock, Timer } from '../../daemon/clock';

interface PendingTimer {
  dueAt: number;
  delayMs: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/** A timer the code under test has set and not yet seen fire or cancelled. */
export interface PendingTimerView {
  readonly dueAt: number;
  readonly delayMs: number;
}

/** A clock that only moves when a test says so; due timers fire in order of due time, then of creation. */
export class FakeClock implements Clock {
  #now = 0;
  #nextOrder = 0;
  #timers: PendingTimer[] = [];
  unrefCount = 0;

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): Timer {
    const timer: PendingTimer = {
      dueAt: this.#now + delayMs,
      delayMs,
      order: this.#nextOrder++,
      callback,
      cancelled: false,
    };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
      unref: () => {
        this.unrefCount += 1;
      },
    };
  }

  /** Moves time forward, firing due timers and letting the promise jobs they start run in between. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#byDueTime().find((timer) => timer.dueAt <= target);
      if (next === undefined) break;
      this.#now = next.dueAt;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      next.callback();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Moves time to the earliest pending timer and fires it (with any due at the same time). */
  async advanceToNextTimer(): Promise<void> {
    const next = this.#byDueTime()[0];
    if (next === undefined) throw new Error('No timer is pending, so there is nothing to advance to.');
    await this.advance(next.dueAt - this.#now);
  }

  /** Pending timers, the one due first first. */
  get pending(): readonly PendingTimerView[] {
    return this.#byDueTime().map(({ dueAt, delayMs }) => ({ dueAt, delayMs }));
  }

  get pendingTimers(): number {
    return this.#byDueTime().length;
  }

  #byDueTime(): PendingTimer[] {
    this.#timers = this.#timers.filter((timer) => !timer.cancelled);
    return [...this.#timers].sort((a, b) => a.dueAt - b.dueAt || a.order - b.order);
  }
}

/** Lets every queued promise job run (a macrotask turn drains the microtask queue). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether `promise` has settled once the promise jobs queued so far have run: for "not yet" assertions. */
export async function promiseState(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  void promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await settle();
  return state;
}
