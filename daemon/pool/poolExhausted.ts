import { PoolExhaustedError } from '../../domain/errors';

export function poolExhausted(maxInstances: number, leased: number, waitedMs: number): PoolExhaustedError {
  return new PoolExhaustedError(
    `All ${maxInstances} orchestrator instances are in use and none became free within ${waitedMs} ms. ` +
      'Wait for a running execution to finish (or cancel one), then try again; to allow more at once, ' +
      'raise ORCHESTRATOR_POOL_SIZE and restart the daemon.',
    { max_instances: maxInstances, leased },
  );
}

/** For a user past their share (userShare.ts): the pool may have room, but it is kept for other users. */
export function shareExhausted(
  maxInstances: number,
  leased: number,
  share: number,
  held: number,
  waitedMs: number,
): PoolExhaustedError {
  return new PoolExhaustedError(
    `You already hold ${held} of the ${maxInstances} orchestrator instances, your share while other users need ` +
      `one (ORCHESTRATOR_POOL_PER_USER=${share}), and none became free for you within ${waitedMs} ms. Wait for one ` +
      'of your running executions to finish (or cancel one), then try again; to allow more at once, raise ' +
      'ORCHESTRATOR_POOL_PER_USER or ORCHESTRATOR_POOL_SIZE and restart the daemon.',
    { max_instances: maxInstances, leased, per_user: share, held_by_you: held },
  );
}
