import type { Handler } from '../server/dispatcher';

/**
 * The seed's "Clear cache & refresh", done daemon-side: the caller's database is checkpointed and closed if
 * nothing is writing to it (it reopens on next use), and idle pool instances are disposed (rebuilt on the next
 * launch). A database that is writing, and an instance a running execution holds, are never touched.
 */
export const cacheClear: Handler<'cache/clear'> = async (_params, { session, services }) => {
  const result = await services.databases.clearCache([session.dbPath]);
  return { closed: result.closed, kept: result.kept, pool_instances_disposed: services.pool.evictIdle() };
};
