/**
 * Time as the daemon sees it: the pool's TTLs, sweeps and acquire timeouts, and the targets' latency, backoff,
 * rate limits and request timeouts. Injected so that tests move time with a fake clock instead of waiting for
 * real time to pass.
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
  // Monotonic: a wall clock set back by NTP would stretch a TTL or make a latency negative.
  now: () => performance.now(),
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
