import os from 'node:os';
import path from 'node:path';

/** Where a daemon's state (secret, discovery file, lock, log) lives: the daemon and every client must agree on it. */

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export type Env = Record<string, string | undefined>;

export function xdgDir(env: Env, variable: string, fallback: string[]): string {
  const value = env[variable];
  // XDG says relative values are invalid and must be ignored.
  if (value && path.isAbsolute(value)) return value;
  return path.join(env.HOME || os.homedir(), ...fallback);
}

export function defaultStateDir(env: Env = process.env): string {
  return path.join(xdgDir(env, 'XDG_STATE_HOME', ['.local', 'state']), 'violentutf');
}

/** The state dir alone: the CLI needs it to find the daemon without validating the rest. */
export function stateDirFrom(env: Env = process.env): string {
  return readDirectory(env, 'VUTF_STATE_DIR', defaultStateDir(env));
}

export function readDirectory(env: Env, variable: string, fallback: string): string {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim();
  if (!path.isAbsolute(value)) {
    throw new ConfigError(variable, `${variable}=${JSON.stringify(raw)} must be an absolute directory path.`);
  }
  return path.normalize(value);
}
