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
}

export const DEFAULT_SALT = 'violentutf_salt_2025';

export function defaultMemoryDir(env: Env = process.env): string {
  return path.join(xdgDir(env, 'XDG_DATA_HOME', ['.local', 'share']), 'violentutf', 'memory');
}

interface NumberRule {
  min: number;
  integer: boolean;
  accepts: string;
}

function readNumber(env: Env, variable: string, fallback: number, rule: NumberRule): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  const ok = Number.isFinite(value) && value >= rule.min && (!rule.integer || Number.isInteger(value));
  if (!ok)
    throw new ConfigError(variable, `${variable}=${JSON.stringify(raw)} is not valid: it accepts ${rule.accepts}.`);
  return value;
}

const POSITIVE_INTEGER: NumberRule = { min: 1, integer: true, accepts: 'a whole number of 1 or more' };
const NON_NEGATIVE_INTEGER: NumberRule = { min: 0, integer: true, accepts: 'a whole number of 0 or more' };
const POSITIVE_NUMBER: NumberRule = { min: Number.MIN_VALUE, integer: false, accepts: 'a number greater than 0' };
const NON_NEGATIVE_NUMBER: NumberRule = { min: 0, integer: false, accepts: 'a number of 0 or more (0 = never)' };

export function loadConfig(env: Env = process.env): DaemonConfig {
  const saltRaw = env.PYRIT_DB_SALT;
  const saltFromEnv = saltRaw !== undefined && saltRaw !== '';
  return {
    memoryDir: readDirectory(env, 'VIOLENTUTF_MEMORY_DIR', defaultMemoryDir(env)),
    salt: saltFromEnv ? saltRaw : DEFAULT_SALT,
    saltSource: saltFromEnv ? 'env' : 'default',
    poolSize: readNumber(env, 'ORCHESTRATOR_POOL_SIZE', 20, POSITIVE_INTEGER),
    ttlMinutes: readNumber(env, 'ORCHESTRATOR_TTL_MINUTES', 30, POSITIVE_NUMBER),
    dbConnectionTimeoutMs: readNumber(env, 'DB_CONNECTION_TIMEOUT', 30, POSITIVE_NUMBER) * 1000,
    dbMaxRetries: readNumber(env, 'DB_MAX_RETRIES', 3, NON_NEGATIVE_INTEGER),
    stateDir: stateDirFrom(env),
    idleShutdownMinutes: readNumber(env, 'VUTF_IDLE_SHUTDOWN_MINUTES', 30, NON_NEGATIVE_NUMBER),
    heartbeatMs: readNumber(env, 'VUTF_HEARTBEAT_SECONDS', 30, POSITIVE_NUMBER) * 1000,
  };
}
