import fs from 'node:fs';
import { isDuckDBLoaded } from '../memory/duckdbModule';
import { ThreadedMemory } from '../memory/thread/threadedMemory';
import { codeCacheState } from '../launch/codeCacheState';
import type { Handler } from '../server/dispatcher';
import { DAEMON_VERSION } from '../../protocol/version';

export const healthGet: Handler<'health/get'> = (_params, { session, services }) =>
  services.health.report(session.dbPath);

export const healthOrchestrators: Handler<'health/orchestrators'> = (_params, { services }) =>
  services.health.orchestrators();

/** The health figures, with a PostgreSQL schema's size and row counts (asked of the server) in team mode. */
async function databaseWithDetails(
  services: Parameters<Handler<'health/database'>>[1]['services'],
  dbPath: string,
): Promise<ReturnType<typeof services.health.database>> {
  const database = services.health.database(dbPath);
  if (services.databases.details === undefined) return database;
  const details = await services.databases.details(dbPath);
  return {
    ...database,
    exists: details.schema_exists,
    size_mb: Math.round((details.size_bytes / 1024 / 1024) * 1000) / 1000,
    postgres: details,
  };
}

export const healthDatabase: Handler<'health/database'> = (_params, { session, services }) =>
  databaseWithDetails(services, session.dbPath);

export const debugInfo: Handler<'debug/info'> = async (_params, { session, services }) => {
  const database = await databaseWithDetails(services, session.dbPath);
  const loop = performance.eventLoopUtilization();
  const memoryThread = services.databases instanceof ThreadedMemory ? services.databases : null;
  let sizeBytes = database.postgres?.size_bytes ?? 0;
  try {
    if (database.postgres === undefined) sizeBytes = fs.statSync(session.dbPath).size;
  } catch {
    // not created yet
  }
  return {
    username: session.username,
    db_path: session.dbPath,
    exists: database.exists,
    size_bytes: sizeBytes,
    memory_dir: services.config.memoryDir,
    salt_source: services.config.saltSource,
    state_dir: services.config.stateDir,
    database: {
      state: database.state,
      active_connections: database.active_connections,
      wal_size_bytes: database.wal_size_bytes,
      last_error: database.last_error,
      ...(database.backend === undefined ? {} : { backend: database.backend, postgres: database.postgres }),
    },
    daemon: {
      version: DAEMON_VERSION,
      pid: process.pid,
      started_at: services.startedAt.toISOString(),
      duckdb_loaded: isDuckDBLoaded() || (memoryThread?.isDuckDBLoaded ?? false),
      memory_thread_id: memoryThread?.threadId ?? null,
      code_cache: codeCacheState(),
      event_loop_active_ms: Math.round(loop.active),
      event_loop_idle_ms: Math.round(loop.idle),
    },
  };
};
