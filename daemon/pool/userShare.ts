/**
 * Each user's share of the pool (ORCHESTRATOR_POOL_PER_USER): without it, twenty long runs of one user left every
 * other user's launch to fail with PoolExhausted. Below their share a user takes slots as before. Past it they may
 * still use room nobody else needs, but not while a user below their share waits for a slot, and never the last
 * free slot, which stays for whoever comes next. A slot is taken by creating an instance or by leasing an idle one
 * (idle instances are the room another user would evict); sharing an instance already leased takes none.
 */
export interface ShareCheck {
  /** Slots the user holds: instances they lease or are creating. */
  readonly held: number;
  readonly share: number;
  /** Slots empty or holding an idle instance. */
  readonly free: number;
  /** Whether another user below their share is waiting for a slot. */
  readonly othersBelowShareWaiting: boolean;
}

export function mayTakeSlot(check: ShareCheck): boolean {
  if (check.held < check.share) return true;
  return check.free >= 2 && !check.othersBelowShareWaiting;
}
