import fs from 'node:fs';
import path from 'node:path';
import { DatabaseUnavailableError, type DomainError } from '../../domain/errors';

/**
 * The one spelling of a memory file's path that keys its instance: the nearest existing ancestor is resolved
 * (symlinks, `..`), since the file and its directory may not exist yet, so the answer does not change when the
 * open creates them.
 */
export function canonicalMemoryPath(dbPath: string): string {
  return resolveExistingPrefix(path.resolve(dbPath));
}

function resolveExistingPrefix(absolute: string): string {
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...missing);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

export function shuttingDownError(dbPath: string): DomainError {
  return new DatabaseUnavailableError('The daemon is shutting down; retry once it has restarted.', {
    path: dbPath,
    reason: 'shutting_down',
  });
}

export function walSize(dbPath: string): number {
  // Usually there is no WAL: a missing file is the common case, not an exception.
  return fs.statSync(`${dbPath}.wal`, { throwIfNoEntry: false })?.size ?? 0;
}
