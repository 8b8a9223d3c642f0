import type { Clock, Timer } from '../../daemon/pool/clock';

interface PendingTimer {
  dueAt: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
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
    const timer: PendingTimer = { dueAt: this.#now + delayMs, order: this.#nextOrder++, callback, cancelled: false };
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
      this.#timers = this.#timers.filter((timer) => !timer.cancelled);
      const next = this.#timers
        .filter((timer) => timer.dueAt <= target)
        .sort((a, b) => a.dueAt - b.dueAt || a.order - b.order)[0];
      if (next === undefined) break;
      this.#now = next.dueAt;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      next.callback();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  get pendingTimers(): number {
    return this.#timers.filter((timer) => !timer.cancelled).length;
  }
}

/** Lets every queued promise job run (a macrotask turn drains the microtask queue). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
