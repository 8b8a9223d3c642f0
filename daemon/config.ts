import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, readDirectory, stateDirFrom, xdgDir, type Env } from '../client/stateDir';

export { ConfigError, defaultStateDir, stateDirFrom } from '../client/stateDir';

/**
 * Everything the daemon reads from its environment, validated once at start. Names and defaults are the seed's
 * (VIOLENTUTF_MEMORY_DIR, PYRIT_DB_SALT, ORCHESTRATOR_POOL_SIZE, …) so a ViolentUTF deployment's .env carries over.
 */
export interface DaemonConfig {
  memoryDir: string;
  salt: string;
  saltSource: 'env' | 'default';
  poolSize: number;
  ttlMinutes: number;
  dbConnectionTimeoutMs: number;
  dbMaxRetries: number;
  stateDir: string;
  idleShutdownMinutes: number;
  heartbeatMs: number;
  /** Pooled instances one user may hold while another user waits (ORCHESTRATOR_POOL_PER_USER). */
  poolPerUser: number;
  /** A connection that has not completed its WebSocket handshake by then is closed. */
  handshakeTimeoutMs: number;
  /** Sockets that have not (yet) authenticated, all users' connections, and one user's. */
  maxUnauthenticatedConnections: number;
  maxConnections: number;
  maxConnectionsPerUser: number;
  /** Bytes of model replies the daemon holds in memory at once, over every run. */
  maxInflightReplyBytes: number;
  /**
   * Reader connections per open memory file, at most (VUTF_DB_READERS): clients' pages run on that many at once
   * (DuckDB MVCC), the rest wait in arrival order. Each costs a little memory; more than the cores buys fairness
   * for short reads behind long ones, not throughput.
   */
  dbReaders: number;
  /**
   * VUTF_MEMORY_THREAD (1, the default): the DuckDB memory runs on a worker thread of its own, so writes and reads
   * never stall the daemon's sockets; 0 runs it on the main thread (a fallback, and what the in-process tests use).
   */
  memoryThread: boolean;
  /**
   * VUTF_MEMORY_URL=postgres://… keeps every user's memory in that PostgreSQL database, a schema each (team
   * mode, docs/team.md); null: the embedded DuckDB file per user in memoryDir.
   */
  memoryUrl: string | null;
  /** Connections of this daemon's PostgreSQL pool, at most (VUTF_PG_POOL_MAX): the server's limit is shared. */
  pgPoolMax: number;
  /** Team mode: input items per queued job (VUTF_TEAM_CHUNK_SIZE). */
  teamChunkSize: number;
  /** Team mode: chunks the daemon itself runs at once, as a worker of the team; 0 = none (VUTF_TEAM_WORKER_CONCURRENCY). */
  teamWorkerConcurrency: number;
  /** Team mode: a worker silent this long is taken for lost and its chunks go to others (VUTF_TEAM_LEASE_SECONDS). */
  teamLeaseSeconds: number;
}

function readMemoryUrl(env: Env, stateDir: string): string | null {
  const fromEnv = (env.VUTF_MEMORY_URL ?? '').trim();
  const raw = fromEnv !== '' ? fromEnv : memoryUrlFromSettings(stateDir);
  if (raw === '') return null;
  const source = fromEnv !== '' ? 'VUTF_MEMORY_URL' : `memory_url in ${path.join(stateDir, 'settings.json')}`;
  let parsed: URL | null = null;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = null;
  }
  if (parsed === null || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:'))
    // The value may hold a password: the message does not repeat it.
    throw new ConfigError(
      'VUTF_MEMORY_URL',
      `${source} is not valid: it accepts a PostgreSQL URL, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (unset it for the embedded DuckDB memory).`,
    );
  return raw;
}

/**
 * `memory_url` in the daemon's settings file (`settings.json` in the state dir, beside the model prices), used when
 * VUTF_MEMORY_URL is unset. It may carry the team's database password, so a file other users can read is refused
 * rather than trusted: like the daemon's secret, it must be 0600.
 */
function memoryUrlFromSettings(stateDir: string): string {
  const file = path.join(stateDir, 'settings.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  let url: unknown;
  try {
    url = (JSON.parse(text) as { memory_url?: unknown } | null)?.memory_url;
  } catch {
    throw new ConfigError('VUTF_MEMORY_URL', `${file} is not valid JSON; fix it or remove it.`);
  }
  if (url === undefined || url === null || url === '') return '';
  if (typeof url !== 'string')
    throw new ConfigError('VUTF_MEMORY_URL', `memory_url in ${file} must be a string (a postgres:// URL).`);
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0)
    throw new ConfigError(
      'VUTF_MEMORY_URL',
      `${file} holds memory_url, which may carry a password, and other users can read it: run chmod 600 on it.`,
    );
  return url.trim();
}

export const DEFAULT_SALT = 'violentutf_salt_2025';

export function defaultMemoryDir(env: Env = process.env): string {
  return path.join(xdgDir(env, 'XDG_DATA_HOME', ['.local', 'share']), 'violentutf', 'memory');
}

interface NumberRule {
  min: number;
  max?: number;
  integer: boolean;
  accepts: string;
}

function readNumber(env: Env, variable: string, fallback: number, rule: NumberRule): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  const ok =
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= (rule.max ?? Infinity) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok)
    throw new ConfigError(variable, `${variable}=${JSON.stringify(raw)} is not valid: it accepts ${rule.accepts}.`);
  return value;
}

const POSITIVE_INTEGER: NumberRule = { min: 1, integer: true, accepts: 'a whole number of 1 or more' };
const NON_NEGATIVE_INTEGER: NumberRule = { min: 0, integer: true, accepts: 'a whole number of 0 or more' };
const ZERO_OR_ONE: NumberRule = { min: 0, max: 1, integer: true, accepts: '1 (on) or 0 (off)' };
const POSITIVE_NUMBER: NumberRule = { min: Number.MIN_VALUE, integer: false, accepts: 'a number greater than 0' };
const NON_NEGATIVE_NUMBER: NumberRule = { min: 0, integer: false, accepts: 'a number of 0 or more (0 = never)' };

export function loadConfig(env: Env = process.env): DaemonConfig {
  const saltRaw = env.PYRIT_DB_SALT;
  const saltFromEnv = saltRaw !== undefined && saltRaw !== '';
  const poolSize = readNumber(env, 'ORCHESTRATOR_POOL_SIZE', 20, POSITIVE_INTEGER);
  return {
    memoryDir: readDirectory(env, 'VIOLENTUTF_MEMORY_DIR', defaultMemoryDir(env)),
    salt: saltFromEnv ? saltRaw : DEFAULT_SALT,
    saltSource: saltFromEnv ? 'env' : 'default',
    poolSize,
    ttlMinutes: readNumber(env, 'ORCHESTRATOR_TTL_MINUTES', 30, POSITIVE_NUMBER),
    dbConnectionTimeoutMs: readNumber(env, 'DB_CONNECTION_TIMEOUT', 30, POSITIVE_NUMBER) * 1000,
    dbMaxRetries: readNumber(env, 'DB_MAX_RETRIES', 3, NON_NEGATIVE_INTEGER),
    stateDir: stateDirFrom(env),
    idleShutdownMinutes: readNumber(env, 'VUTF_IDLE_SHUTDOWN_MINUTES', 30, NON_NEGATIVE_NUMBER),
    heartbeatMs: readNumber(env, 'VUTF_HEARTBEAT_SECONDS', 30, POSITIVE_NUMBER) * 1000,
    poolPerUser: readNumber(env, 'ORCHESTRATOR_POOL_PER_USER', Math.max(1, Math.floor(poolSize / 2)), POSITIVE_INTEGER),
    handshakeTimeoutMs: readNumber(env, 'VUTF_HANDSHAKE_TIMEOUT_S', 10, POSITIVE_NUMBER) * 1000,
    maxUnauthenticatedConnections: readNumber(env, 'VUTF_MAX_UNAUTHENTICATED_CONNECTIONS', 256, POSITIVE_INTEGER),
    maxConnections: readNumber(env, 'VUTF_MAX_CONNECTIONS', 1024, POSITIVE_INTEGER),
    maxConnectionsPerUser: readNumber(env, 'VUTF_MAX_CONNECTIONS_PER_USER', 64, POSITIVE_INTEGER),
    maxInflightReplyBytes: readNumber(env, 'VUTF_MAX_INFLIGHT_REPLY_MIB', 256, POSITIVE_NUMBER) * 1024 * 1024,
    dbReaders: readNumber(env, 'VUTF_DB_READERS', 4, POSITIVE_INTEGER),
    memoryThread: readNumber(env, 'VUTF_MEMORY_THREAD', 1, ZERO_OR_ONE) === 1,
    memoryUrl: readMemoryUrl(env, stateDirFrom(env)),
    pgPoolMax: readNumber(env, 'VUTF_PG_POOL_MAX', 10, POSITIVE_INTEGER),
    teamChunkSize: readNumber(env, 'VUTF_TEAM_CHUNK_SIZE', 50, POSITIVE_INTEGER),
    teamWorkerConcurrency: readNumber(env, 'VUTF_TEAM_WORKER_CONCURRENCY', 2, NON_NEGATIVE_INTEGER),
    teamLeaseSeconds: readNumber(env, 'VUTF_TEAM_LEASE_SECONDS', 30, {
      min: 3,
      integer: false,
      accepts: 'a number of seconds, 3 or more',
    }),
  };
}
