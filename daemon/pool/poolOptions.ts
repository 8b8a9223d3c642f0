import type { Clock } from '../clock';

export type PoolLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type PoolLog = (level: PoolLogLevel, message: string, details?: Record<string, unknown>) => void;

export interface PoolOptions<T> {
  /** Releases whatever an instance holds. Errors are caught, logged and counted; they never reach a caller. */
  dispose: (instance: T) => void | Promise<void>;
  /** ORCHESTRATOR_POOL_SIZE, read by `daemon/config.ts` (`poolSize`). */
  maxInstances?: number;
  /** ORCHESTRATOR_TTL_MINUTES (`config.ttlMinutes`): how long an instance may sit with no lease before it is disposed. */
  ttlMinutes?: number;
  /**
   * ORCHESTRATOR_POOL_PER_USER (`config.poolPerUser`): slots one user may hold while another user needs one (see
   * `userShare.ts`). Unset, users are not told apart.
   */
  maxInstancesPerUser?: number;
  /** Whose a key is; by default the user tag `poolKey` puts in front of every key. */
  userOf?: (key: string) => string;
  /** How long an acquire for a new key waits for a slot when every instance is leased. */
  acquireTimeoutMs?: number;
  /** How often idle instances past their TTL are looked for. Defaults to a quarter of the TTL, at most 1 minute. */
  sweepIntervalMs?: number;
  log?: PoolLog;
  clock?: Clock;
}

export const poolDefaults = {
  maxInstances: 20,
  ttlMinutes: 30,
  acquireTimeoutMs: 30_000,
  maxSweepIntervalMs: 60_000,
} as const;
