import type { Handler } from '../server/dispatcher';

/**
 * The seed's "Clear cache & refresh", done daemon-side: idle pool instances are disposed (they are rebuilt on the
 * next launch). Instances in use by a running execution are never touched.
 */
export const cacheClear: Handler<'cache/clear'> = (_params, { services }) => ({
  closed: [],
  kept: [],
  pool_instances_disposed: services.pool.evictIdle(),
});
