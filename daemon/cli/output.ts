import type { ResultOf } from '../../protocol/methods';
import { safeText } from './oneLine';

/** A failure the CLI reports as one line on stderr with this exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidirectional overrides as they are; a model's
 * answer may hold them and `--json` may go to a terminal. Escaped as \uXXXX they mean the same to a JSON parser.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Indented JSON as `--json` prints it, safe for a terminal. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonText(value)}\n`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatHealth(health: ResultOf<'health/get'>): string {
  const { orchestrators: o, database: d, daemon } = health;
  const pool = o.pool_stats;
  return [
    `Status:        ${health.status}`,
    `Daemon:        up ${daemon.uptime_s.toFixed(1)} s, ${daemon.clients} client(s), RSS ${megabytes(daemon.rss_bytes)}`,
    `Orchestrators: ${o.status}: ${pool.total_instances}/${pool.max_instances} pooled, ${pool.leased} in use, TTL ${pool.ttl_minutes} min, ${pool.hits} hits / ${pool.misses} misses`,
    `Database:      ${d.status}: ${d.user_db_path}`,
    `               ${d.exists ? `${d.size_mb} MB` : 'not created yet (first run creates it)'}, ${d.state}, ${d.active_connections} connection(s)${d.last_error ? `, last error: ${safeText(d.last_error)}` : ''}`,
    ...(health.team === undefined ? [] : teamLines(health.team)),
  ].join('\n');
}

/** Team mode: the queue and who works it, one line per worker heard from in the last minute. */
function teamLines(team: NonNullable<ResultOf<'health/get'>['team']>): string[] {
  const workers = team.workers.map(
    (worker) =>
      `               ${safeText(worker.host)} pid ${worker.pid}: ${worker.active_chunks}/${worker.concurrency} chunk(s) running, ${worker.chunks_done} done`,
  );
  return [
    `Team queue:    ${team.queue_depth} chunk(s) waiting, ${team.workers.length} worker(s) seen in the last minute`,
    ...workers,
  ];
}

export function formatDebugInfo(info: ResultOf<'debug/info'>): string {
  return [
    `User:        ${info.username}`,
    `Database:    ${info.db_path}`,
    `Exists:      ${info.exists ? `yes, ${info.size_bytes} bytes` : 'no (created on first run)'}`,
    `Memory dir:  ${info.memory_dir}`,
    `Salt:        ${info.salt_source === 'env' ? 'from PYRIT_DB_SALT' : 'default (PYRIT_DB_SALT not set)'}`,
    `State dir:   ${info.state_dir}`,
    `DB state:    ${info.database.state}, ${info.database.active_connections} connection(s), WAL ${info.database.wal_size_bytes} bytes${info.database.last_error ? `, last error: ${safeText(info.database.last_error)}` : ''}`,
    `Daemon:      ${info.daemon.version}, pid ${info.daemon.pid}, since ${info.daemon.started_at}`,
  ].join('\n');
}
