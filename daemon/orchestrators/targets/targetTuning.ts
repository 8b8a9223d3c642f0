import { systemClock, type Clock } from '../../clock';
import { ReplyBudget } from './replyBudget';

/** VUTF_MAX_INFLIGHT_REPLY_MIB's default; `daemon/config.ts` reads the setting and runDaemon resizes the budget. */
const DEFAULT_INFLIGHT_REPLY_BYTES = 256 * 1024 * 1024;

/**
 * The daemon's one budget of reply bytes in flight, shared by every target it builds (their configs are the
 * users', the memory is the daemon's). runDaemon sizes it from `config.maxInflightReplyBytes`.
 */
export const daemonReplyBudget = new ReplyBudget(DEFAULT_INFLIGHT_REPLY_BYTES);

/**
 * Knobs a config does not expose: the daemon keeps the defaults; tests shrink the delays so that retry paths run
 * in milliseconds, or put the target on a fake clock to say exactly when each request went out.
 */
export interface TargetTuning {
  /** First retry waits up to this long; each further retry doubles the ceiling (full jitter below it). */
  readonly backoffBaseMs: number;
  /** Ceiling of the backoff, however many retries came before. */
  readonly backoffMaxMs: number;
  /** A server's `Retry-After` is obeyed up to this long, so one bad header cannot stall a run for an hour. */
  readonly retryAfterMaxMs: number;
  /**
   * Requests the rate limiter lets through at once before spacing them evenly. 1 spreads them out: providers
   * enforce per-minute limits over shorter windows (OpenAI documents 60,000 RPM as 1,000 per second), so a
   * burst of a whole minute's budget gets 429s.
   */
  readonly rateLimitBurst: number;
  /** How long a `process` target's child gets to exit after SIGTERM before SIGKILL. */
  readonly processKillGraceMs: number;
  /** Source of jitter, like Math.random; injectable for deterministic tests. */
  readonly random: () => number;
  /** Time for latency, backoff, the rate limiter, request timeouts and a process target's kill grace. */
  readonly clock: Clock;
  /** Where a reply reserves its bytes before it is read: the daemon's, unless a test brings its own. */
  readonly replyBudget: ReplyBudget;
}

export const defaultTargetTuning: TargetTuning = {
  backoffBaseMs: 500,
  backoffMaxMs: 20_000,
  retryAfterMaxMs: 60_000,
  rateLimitBurst: 1,
  processKillGraceMs: 3_000,
  random: Math.random,
  clock: systemClock,
  replyBudget: daemonReplyBudget,
};

export function resolveTuning(overrides: Partial<TargetTuning> | undefined): TargetTuning {
  return { ...defaultTargetTuning, ...overrides };
}
