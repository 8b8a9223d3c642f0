import type { Clock } from '../../clock';
import { AbortError, sleep } from './abort';

/**
 * `max_requests_per_minute` as a token bucket: tokens refill continuously at the configured rate up to `burst`,
 * and each request (retries included — the provider counts them) takes one. A caller that finds the bucket empty
 * reserves the next token and sleeps until it is due, so waiters are served in arrival order.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private readonly tokensPerMs: number;

  constructor(
    requestsPerMinute: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokensPerMs = requestsPerMinute / 60_000;
    this.tokens = burst;
    this.refilledAt = clock.now();
  }

  async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AbortError(signal.reason);
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    try {
      await sleep(-this.tokens / this.tokensPerMs, this.clock, signal);
    } catch (error) {
      // A cancelled waiter gives its reservation back, so the requests behind it are not held up for nothing.
      this.tokens += 1;
      throw error;
    }
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.tokensPerMs);
    this.refilledAt = now;
  }
}
