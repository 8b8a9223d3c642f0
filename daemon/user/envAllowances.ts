import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFileAtomic } from '../../client/privateFiles';
import { InvalidInputError } from '../../domain/errors';

/**
 * The (variable, host) pairs each user allowed (secrets/allowEnv), in `env-allowances.json` in the state dir: 0600
 * like the secret beside it, written whole by rename, and read afresh at every check so the file is the one truth
 * (a pair removed by hand is refused from the next run on). It holds names only, never a value.
 */
export interface EnvAllowance {
  variable: string;
  host: string;
  granted_at: string;
}

interface AllowanceFile {
  version: 1;
  users: Record<string, EnvAllowance[]>;
}

/** Far more than anyone grants by hand; a client looping on secrets/allowEnv must not grow the file without end. */
const MAX_PER_USER = 500;

export function envAllowancesPath(stateDir: string): string {
  return path.join(stateDir, 'env-allowances.json');
}

function isAllowance(value: unknown): value is EnvAllowance {
  if (typeof value !== 'object' || value === null) return false;
  const { variable, host, granted_at: grantedAt } = value as Record<string, unknown>;
  return typeof variable === 'string' && typeof host === 'string' && typeof grantedAt === 'string';
}

/** A file that is missing, unreadable or not ours in shape allows nothing: the safe reading of a broken file. */
function readFile(stateDir: string): AllowanceFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(envAllowancesPath(stateDir), 'utf8'));
  } catch {
    return { version: 1, users: {} };
  }
  const users: Record<string, EnvAllowance[]> = {};
  const stored = (parsed as { users?: unknown } | null)?.users;
  if (typeof stored === 'object' && stored !== null)
    for (const [user, list] of Object.entries(stored))
      if (Array.isArray(list))
        // Exactly the three fields, whatever a hand edit added: answers are checked against a strict schema.
        users[user] = list
          .filter(isAllowance)
          .map(({ variable, host, granted_at: grantedAt }) => ({ variable, host, granted_at: grantedAt }));
  return { version: 1, users };
}

export function listEnvAllowances(stateDir: string, username: string): EnvAllowance[] {
  return readFile(stateDir).users[username] ?? [];
}

/** Whether a list of allowances lets `variable` go to `host`. */
export function allowanceChecker(allowances: readonly EnvAllowance[]): (variable: string, host: string) => boolean {
  const allowed = new Set(allowances.map((item) => `${item.variable}\n${item.host}`));
  return (variable, host) => allowed.has(`${variable}\n${host}`);
}

/**
 * Adds the pair for the user (a pair already there keeps its first grant time) and returns the user's list. Read,
 * change and write happen in one synchronous stretch, so two grants in this daemon cannot lose each other.
 */
export function grantEnvAllowance(
  stateDir: string,
  username: string,
  pair: { variable: string; host: string },
  now: Date,
): EnvAllowance[] {
  const file = readFile(stateDir);
  const list = file.users[username] ?? [];
  if (!list.some((item) => item.variable === pair.variable && item.host === pair.host)) {
    if (list.length >= MAX_PER_USER)
      throw new InvalidInputError(
        `You have ${list.length} environment allowances, the most one user may keep; remove some from ${envAllowancesPath(stateDir)}.`,
        { limit: MAX_PER_USER },
      );
    list.push({ variable: pair.variable, host: pair.host, granted_at: now.toISOString() });
  }
  file.users[username] = list;
  writePrivateFileAtomic(envAllowancesPath(stateDir), `${JSON.stringify(file, null, 2)}\n`);
  return list;
}
