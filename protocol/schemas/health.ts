import { z } from 'zod';
import { HealthStatus } from './common';

export const PoolStats = z.strictObject({
  total_instances: z.number().int(),
  max_instances: z.number().int(),
  ttl_minutes: z.number(),
  oldest_age_minutes: z.number(),
  leased: z.number().int(),
  hits: z.number().int(),
  misses: z.number().int(),
  evictions: z.number().int(),
  dispose_failures: z.number().int(),
});

export const OrchestratorsHealth = z.strictObject({
  status: HealthStatus,
  pool_stats: PoolStats,
  active_instances: z.number().int().describe('Pool instances leased by a running execution right now.'),
});

export const DatabaseState = z.enum(['closed', 'opening', 'open', 'error']);

export const MemoryBackendName = z
  .enum(['duckdb', 'postgres'])
  .describe(
    "Where users' memory is kept: each user's DuckDB file (default) or a shared PostgreSQL database (team mode).",
  );

export const PostgresMemoryInfo = z
  .strictObject({
    server: z.string().describe('host:port of the PostgreSQL server.'),
    database: z.string(),
    role: z.string().describe('The role the daemon connects as (never its password).'),
    schema: z.string().describe("This user's schema, named from the same salted hash as the DuckDB file."),
    schema_exists: z.boolean().optional(),
    size_bytes: z.number().int().optional().describe("Tables and indexes of this user's schema."),
    row_counts: z.record(z.string(), z.number().int()).optional().describe('Rows per table of the schema.'),
    server_version: z.string().nullable().optional(),
    pool: z.strictObject({
      max: z.number().int().describe("Connections this daemon's pool may open (VUTF_PG_POOL_MAX)."),
      total: z.number().int(),
      idle: z.number().int(),
      waiting: z.number().int().describe('Requests waiting for a connection.'),
    }),
  })
  .describe('PostgreSQL mode only. WAL, lock and quarantine figures are DuckDB-only.');

export const DatabaseHealth = z.strictObject({
  status: HealthStatus,
  user_db_path: z.string(),
  exists: z.boolean(),
  size_mb: z.number(),
  active_connections: z.number().int().describe("Open DuckDB connections to this user's file."),
  state: DatabaseState,
  wal_size_bytes: z.number().int(),
  last_error: z.string().nullable(),
  backend: MemoryBackendName.optional(),
  postgres: PostgresMemoryInfo.optional(),
});

export const DaemonHealth = z.strictObject({
  uptime_s: z.number(),
  rss_bytes: z.number().int(),
  clients: z.number().int().describe('Connected clients, all users.'),
});

export const TeamWorkerInfo = z.strictObject({
  id: z.string().describe('host:pid:suffix of a daemon or `vutf worker`.'),
  host: z.string(),
  pid: z.number().int(),
  concurrency: z.number().int().describe('Chunks it runs at once.'),
  active_chunks: z.number().int().describe('Chunks it was running at its last heartbeat.'),
  chunks_done: z.number().int(),
  last_seen: z.string().describe('Its last heartbeat (server time).'),
});

export const TeamHealth = z
  .strictObject({
    queue_depth: z.number().int().describe('Chunks waiting for a worker.'),
    workers: z.array(TeamWorkerInfo).describe('Workers heard from in the last minute.'),
  })
  .describe(
    'Team mode only: the job queue executions are spread through (refreshed every 5 s and when a run is queued or ends).',
  );

export const HealthReport = z.strictObject({
  status: HealthStatus.describe('The worst of the parts below.'),
  orchestrators: OrchestratorsHealth,
  database: DatabaseHealth,
  daemon: DaemonHealth,
  team: TeamHealth.optional(),
});

export const HealthChanged = z.strictObject({
  seq: z.number().int().describe('Increases by one per notification to this client; a gap means re-fetch.'),
  status: HealthStatus,
  previous_status: HealthStatus.nullable(),
  health: HealthReport,
});

export const DebugInfo = z.strictObject({
  username: z.string(),
  db_path: z.string(),
  exists: z.boolean(),
  size_bytes: z.number().int(),
  memory_dir: z.string(),
  salt_source: z.enum(['env', 'default']),
  state_dir: z.string(),
  database: z.strictObject({
    state: DatabaseState,
    active_connections: z.number().int(),
    wal_size_bytes: z.number().int(),
    last_error: z.string().nullable(),
    backend: MemoryBackendName.optional(),
    postgres: PostgresMemoryInfo.optional(),
  }),
  daemon: z.strictObject({
    version: z.string(),
    pid: z.number().int(),
    started_at: z.string(),
    duckdb_loaded: z
      .boolean()
      .describe('Whether the DuckDB library is loaded yet: the daemon loads it on the first open of a database.'),
    memory_thread_id: z
      .number()
      .int()
      .nullable()
      .describe(
        "The thread that owns the DuckDB memory (every query and write runs there): a worker thread's id, never 0 (the daemon's main thread); null before the first open, with VUTF_MEMORY_THREAD=0 or with a PostgreSQL memory.",
      ),
    code_cache: z
      .enum(['used', 'missing', 'rejected', 'unsafe', 'off'])
      .describe(
        "How the daemon's bundle was compiled at start: from V8's code cache of an earlier start of the same build (used); without it, written once started (missing, rejected: another Node or V8 flags); not read or written because its directory is not the user's alone (unsafe); or VUTF_CODE_CACHE=0 (off).",
      ),
    event_loop_active_ms: z
      .number()
      .describe("Time the daemon's event loop has spent running code since start (with idle: its utilisation)."),
    event_loop_idle_ms: z.number().describe("Time the daemon's event loop has spent waiting since start."),
  }),
});

export const CacheClearResult = z.strictObject({
  closed: z.array(z.string()).describe('Database files checkpointed and closed.'),
  kept: z
    .array(z.strictObject({ path: z.string(), reason: z.string() }))
    .describe('Open databases left open, and why.'),
  pool_instances_disposed: z.number().int(),
});
