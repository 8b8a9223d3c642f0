import { createHash } from 'node:crypto';
import path from 'node:path';

/** The claims we read a user from; the token may carry any of them (ViolentUTF's Keycloak tokens do). */
export interface UserClaims {
  preferred_username?: unknown;
  username?: unknown;
  email?: unknown;
  sub?: unknown;
}

export const UNKNOWN_USER = 'unknown_user';

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Lower-cased, trimmed, spaces → "_": the seed's normalisation, so names match ViolentUTF's DB files. */
export function normalizeUsername(name: string): string {
  return name.toLowerCase().trim().replace(/ /g, '_');
}

/**
 * The seed's rule: preferred_username, else username, else the email's local part, else unknown_user.
 * Every part of the product (daemon, CLI, debug panel) calls this one function, because ViolentUTF once
 * computed it three ways and users' prompts landed in three different files.
 */
export function canonicalUsername(claims: UserClaims | string): string {
  if (typeof claims === 'string') return normalizeUsername(claims) || UNKNOWN_USER;
  const email = nonEmptyString(claims.email);
  const emailLocal = email ? nonEmptyString(email.split('@')[0]) : undefined;
  const chosen = nonEmptyString(claims.preferred_username) ?? nonEmptyString(claims.username) ?? emailLocal;
  return chosen === undefined ? UNKNOWN_USER : normalizeUsername(chosen) || UNKNOWN_USER;
}

/**
 * `<memoryDir>/pyrit_memory_<first 16 hex of sha256("<salt>:<username>")>.db`. The user name only enters
 * through the hash, so no name (`../../etc`) can steer the path out of the memory dir.
 */
export function dbPathFor(username: string, salt: string, memoryDir: string): string {
  const userHash = createHash('sha256').update(`${salt}:${username}`, 'utf8').digest('hex').slice(0, 16);
  return path.join(memoryDir, `pyrit_memory_${userHash}.db`);
}
