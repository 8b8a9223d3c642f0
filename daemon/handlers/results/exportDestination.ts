import fs from 'node:fs';
import path from 'node:path';
import { InvalidConfigError } from '../../../domain/errors';

export function badExportPath(filePath: string, problem: string): InvalidConfigError {
  return new InvalidConfigError(`Cannot export to ${JSON.stringify(filePath)}: ${problem}`, {
    field: 'path',
    path: filePath,
  });
}

function isInside(child: string, folder: string): boolean {
  const relative = path.relative(folder, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrSelf(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

/**
 * Where the export may go. The daemon writes with its own rights, so a client must not aim it at the daemon's
 * secret and discovery files or at the DuckDB memory files (an export over a live database destroys it); symlinks
 * are followed before the check so a link cannot smuggle the write there.
 */
export function exportDestination(filePath: string, forbidden: { stateDir: string; memoryDir: string }): string {
  if (/[\n\r\0]/.test(filePath))
    throw badExportPath(filePath, 'the path contains a newline or NUL character; pick a plain file name.');
  if (!path.isAbsolute(filePath))
    throw badExportPath(filePath, 'the path must be absolute (the daemon does not share your working directory).');
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw badExportPath(filePath, 'it is an existing directory; give a file name inside it, e.g. results.csv.');
  // The file is replaced by a rename: over a device or a FIFO that would swap out a special file, not write to it.
  if (stat !== undefined && !stat.isFile())
    throw badExportPath(filePath, 'it exists and is not a regular file; pick a new file name.');
  const parent = path.dirname(filePath);
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory())
    throw badExportPath(filePath, `the folder ${parent} does not exist; create it first.`);
  const resolved =
    stat === undefined ? path.join(fs.realpathSync(parent), path.basename(filePath)) : fs.realpathSync(filePath);
  for (const [what, folder] of [
    ['state', forbidden.stateDir],
    ['memory', forbidden.memoryDir],
  ] as const) {
    if (isInside(resolved, realOrSelf(folder)))
      throw badExportPath(filePath, `it is inside the daemon's ${what} folder (${folder}); pick a path outside it.`);
  }
  return resolved;
}
