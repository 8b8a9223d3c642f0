import { createHash } from 'node:crypto';
import { AbortError, sleep } from '../orchestrators/targets/abort';
import type { RateLimiter, RateLimiterFactory } from '../orchestrators/targets/rateLimits';
import { systemClock } from '../clock';
import type { TeamDatabase } from './teamDatabase';
import { TEAM_SCHEMA } from './teamSchema';

/**
 * `max_requests_per_minute` for every worker of the team together: a GCRA kept in one row per target. Each request
 * reserves the next slot — `tat` (the theoretical arrival time) moves on by 60 s / limit — in one statement on the
 * server's clock, so workers on hosts whose clocks differ still space their requests evenly; a request whose slot
 * is ahead sleeps until it. `burst` slots may be taken at once, as the local bucket allows.
 */
export function sharedRateLimiters(database: TeamDatabase): RateLimiterFactory {
  return (key: string, requestsPerMinute: number, burst: number): RateLimiter => {
    // The key holds the target's endpoint and model: hashed, so no URL is stored in the team schema.
    const row = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const intervalMs = 60_000 / requestsPerMinute;
    return {
      async take(signal?: AbortSignal): Promise<void> {
        if (signal?.aborted) throw new AbortError(signal.reason);
        const { rows } = await database.query<{ wait_ms: number }>(
          `INSERT INTO ${TEAM_SCHEMA}.rate_limits AS r (key, tat)
             VALUES ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
           ON CONFLICT (key) DO UPDATE
             SET tat = greatest(r.tat, clock_timestamp()) + make_interval(secs => $2 / 1000.0)
           RETURNING (extract(epoch FROM (tat - clock_timestamp())) * 1000 - $2 * $3)::FLOAT8 AS wait_ms`,
          [row, intervalMs, burst],
        );
        const waitMs = rows[0]?.wait_ms ?? 0;
        if (waitMs <= 0) return;
        try {
          await sleep(waitMs, systemClock, signal);
        } catch (error) {
          // A cancelled waiter gives its slot back, so the requests behind it are not held up for nothing.
          await database
            .query(
              `UPDATE ${TEAM_SCHEMA}.rate_limits SET tat = tat - make_interval(secs => $2 / 1000.0) WHERE key = $1`,
              [row, intervalMs],
            )
            .catch(() => undefined);
          throw error;
        }
      },
    };
  };
}
