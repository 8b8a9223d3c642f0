import fs from 'node:fs';
import { isDuckDBLoaded } from '../memory/duckdbModule';
import type { Handler } from '../server/dispatcher';
import { DAEMON_VERSION } from '../../protocol/version';

export const healthGet: Handler<'health/get'> = (_params, { session, services }) =>
  services.health.report(session.dbPath);

export const healthOrchestrators: Handler<'health/orchestrators'> = (_params, { services }) =>
  services.health.orchestrators();

export const healthDatabase: Handler<'health/database'> = (_params, { session, services }) =>
  services.health.database(session.dbPath);

export const debugInfo: Handler<'debug/info'> = (_params, { session, services }) => {
  const database = services.health.database(session.dbPath);
  const loop = performance.eventLoopUtilization();
  let sizeBytes = 0;
  try {
    sizeBytes = fs.statSync(session.dbPath).size;
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
    },
    daemon: {
      version: DAEMON_VERSION,
      pid: process.pid,
      started_at: services.startedAt.toISOString(),
      duckdb_loaded: isDuckDBLoaded(),
      event_loop_active_ms: Math.round(loop.active),
      event_loop_idle_ms: Math.round(loop.idle),
    },
  };
};
