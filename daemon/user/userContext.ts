import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * `<memoryDir>/pyrit_memory_<first 16 hex of sha256("<salt>:<username>")>.db`. The user name only enters
 * through the hash, so no name (`../../etc`) can steer the path out of the memory dir.
 */
export function dbPathFor(username: string, salt: string, memoryDir: string): string {
  const userHash = createHash('sha256').update(`${salt}:${username}`, 'utf8').digest('hex').slice(0, 16);
  return path.join(memoryDir, `pyrit_memory_${userHash}.db`);
}
