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
