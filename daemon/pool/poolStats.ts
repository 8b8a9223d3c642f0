/**
 * The seed's figures, then ours. Snake case, and exactly these keys, because they travel as-is in
 * `health/orchestrators`, whose schema (`protocol/schemas/health.ts`) is strict.
 */
export interface PoolStats {
  total_instances: number;
  max_instances: number;
  ttl_minutes: number;
  oldest_age_minutes: number;
  /** Instances with at least one lease. */
  leased: number;
  hits: number;
  misses: number;
  evictions: number;
  dispose_failures: number;
}

export type PoolStatus = 'healthy' | 'warning';

/**
 * The seed's rule: at capacity is a warning, because the next new config has to wait or evict. Instances still
 * being created count, since each already holds a slot.
 */
export function poolStatus(occupiedSlots: number, maxInstances: number): PoolStatus {
  return occupiedSlots < maxInstances ? 'healthy' : 'warning';
}
