import type { Clock } from '../../clock';
import { TokenBucket } from './tokenBucket';

/** What a target waits on before each request it sends (retries included). */
export interface RateLimiter {
  take(signal?: AbortSignal): Promise<void>;
}

/** Builds a target's limiter for its `max_requests_per_minute`; `key` names the target (endpoint and model). */
export type RateLimiterFactory = (key: string, requestsPerMinute: number, burst: number) => RateLimiter;

/**
 * Where targets get their rate limiters. Alone, each target instance has its own bucket (a limit per configured
 * target, in this process). A team worker shares one limit per target across every worker of the team
 * (team/sharedRateLimiter.ts, kept in PostgreSQL), installed here once at its start.
 */
export class RateLimits {
  private shared: RateLimiterFactory | null = null;

  share(factory: RateLimiterFactory | null): void {
    this.shared = factory;
  }

  limiterFor(key: string, requestsPerMinute: number, burst: number, clock: Clock): RateLimiter {
    return this.shared?.(key, requestsPerMinute, burst) ?? new TokenBucket(requestsPerMinute, burst, clock);
  }
}

/** The process's one registry: every target built here reads it as it is built. */
export const processRateLimits = new RateLimits();
