import type { RetryPolicy } from './sendWithRetries';
import type { TargetTuning } from './targetTuning';
import { processRateLimits } from './rateLimits';

export interface ReliabilityFields {
  readonly timeout_s: number;
  readonly max_retries: number;
  readonly max_requests_per_minute?: number;
}

/** One policy, and so one rate limiter, per target instance: the limit is per configured target, not per send. */
export function retryPolicyFor(
  spec: ReliabilityFields,
  tuning: TargetTuning,
  redact: (text: string) => string,
  /** Names the target for a limit shared across a team's workers: the same endpoint and model share one. */
  limitKey: string,
): RetryPolicy {
  const base = { timeoutMs: spec.timeout_s * 1000, maxRetries: spec.max_retries, tuning, redact };
  return spec.max_requests_per_minute === undefined
    ? base
    : {
        ...base,
        rateLimiter: processRateLimits.limiterFor(
          `${limitKey}|${spec.max_requests_per_minute}`,
          spec.max_requests_per_minute,
          tuning.rateLimitBurst,
          tuning.clock,
        ),
      };
}
