/**
 * Time as the pool sees it. Injected so that tests drive TTLs, sweeps and acquire timeouts with a fake clock
 * instead of waiting for real time to pass.
 */
export interface Timer {
  cancel(): void;
  /** Lets the process exit while the timer is pending: a daemon with no clients must be able to stop. */
  unref(): void;
}

export interface Clock {
  /** Milliseconds since some fixed origin; only differences are used. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    return {
      cancel: () => clearTimeout(handle),
      unref: () => {
        handle.unref();
      },
    };
  },
};
