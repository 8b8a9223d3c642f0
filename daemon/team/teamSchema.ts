import type pg from 'pg';

/** Where team mode keeps what is not a user's memory: workers, runs spread over them, rate limits. */
export const TEAM_SCHEMA = 'vutf_team';
/** pg-boss's own schema: the job queue (daemon/team/chunkQueue.ts). */
export const QUEUE_SCHEMA = 'vutf_queue';

/**
 * Every table is keyed by execution id, which is a UUID: a user's name never reaches this schema except as the
 * `username` a job carries so a worker can find that user's memory schema (the same salted hash as their file).
 */
const DDL = `
CREATE SCHEMA IF NOT EXISTS ${TEAM_SCHEMA};
CREATE TABLE IF NOT EXISTS ${TEAM_SCHEMA}.workers (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  concurrency INTEGER NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  last_seen TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  active_chunks INTEGER NOT NULL DEFAULT 0,
  chunks_done BIGINT NOT NULL DEFAULT 0,
  stopped BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE IF NOT EXISTS ${TEAM_SCHEMA}.runs (
  execution_id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  memory_file TEXT NOT NULL,
  orchestrator_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  total INTEGER NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  started_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  earlier_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
  stop_reason TEXT,
  stop_detail TEXT,
  ended BOOLEAN NOT NULL DEFAULT FALSE,
  sent BIGINT NOT NULL DEFAULT 0,
  latency_total_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
  budget JSONB,
  requests BIGINT NOT NULL DEFAULT 0,
  tokens BIGINT NOT NULL DEFAULT 0,
  cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ${TEAM_SCHEMA}.chunks (
  execution_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  chunk_no INTEGER NOT NULL,
  items JSONB NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  worker_id TEXT,
  job_id TEXT,
  claims INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (execution_id, attempt, chunk_no)
);
CREATE INDEX IF NOT EXISTS chunks_running ON ${TEAM_SCHEMA}.chunks (worker_id) WHERE state = 'running';
CREATE TABLE IF NOT EXISTS ${TEAM_SCHEMA}.rate_limits (
  key TEXT PRIMARY KEY,
  tat TIMESTAMPTZ NOT NULL
);
`;

/** Any number of daemons and workers start at once: one creates the schema, the others wait on the lock. */
export async function ensureTeamSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${TEAM_SCHEMA}'))`);
    await client.query(DDL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
