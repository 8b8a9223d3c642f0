import { PoolExhaustedError } from '../../domain/errors';

export function poolExhausted(maxInstances: number, leased: number, waitedMs: number): PoolExhaustedError {
  return new PoolExhaustedError(
    `All ${maxInstances} orchestrator instances are in use and none became free within ${waitedMs} ms. ` +
      'Wait for a running execution to finish (or cancel one), then try again; to allow more at once, ' +
      'raise ORCHESTRATOR_POOL_SIZE and restart the daemon.',
    { max_instances: maxInstances, leased },
  );
}
