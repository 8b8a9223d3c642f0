import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Handler } from '../server/dispatcher';
import { DomainError, InvalidConfigError } from '../../domain/errors';
import { copyExecutionResults } from '../memory/resultExport';
import { ownExecution } from './executions';

function badPath(filePath: string, problem: string): InvalidConfigError {
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
    throw badPath(filePath, 'the path contains a newline or NUL character; pick a plain file name.');
  if (!path.isAbsolute(filePath))
    throw badPath(filePath, 'the path must be absolute (the daemon does not share your working directory).');
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw badPath(filePath, 'it is an existing directory; give a file name inside it, e.g. results.csv.');
  // The file is replaced by a rename: over a device or a FIFO that would swap out a special file, not write to it.
  if (stat !== undefined && !stat.isFile())
    throw badPath(filePath, 'it exists and is not a regular file; pick a new file name.');
  const parent = path.dirname(filePath);
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory())
    throw badPath(filePath, `the folder ${parent} does not exist; create it first.`);
  const resolved =
    stat === undefined ? path.join(fs.realpathSync(parent), path.basename(filePath)) : fs.realpathSync(filePath);
  for (const [what, folder] of [
    ['state', forbidden.stateDir],
    ['memory', forbidden.memoryDir],
  ] as const) {
    if (isInside(resolved, realOrSelf(folder)))
      throw badPath(filePath, `it is inside the daemon's ${what} folder (${folder}); pick a path outside it.`);
  }
  return resolved;
}

function writeFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    /^IO Error|Permission denied|No space left|Cannot open file|Could not write/i.test(message) &&
    !/invalidated|FATAL/i.test(message)
  );
}

/**
 * DuckDB writes to a hidden sibling that is renamed over the target at the end: a failed or interrupted export
 * never leaves a half-written file under the name the user picked.
 */
export const resultsExport: Handler<'results/export'> = async (params, { session, services }) => {
  const destination = exportDestination(params.path, {
    stateDir: services.config.stateDir,
    memoryDir: services.config.memoryDir,
  });
  await ownExecution(session.dbPath, params.execution_id, services);
  const staging = path.join(
    path.dirname(destination),
    `.${path.basename(destination)}.${crypto.randomBytes(6).toString('hex')}.partial`,
  );
  try {
    const rows = await services.databases.read(session.dbPath, async (connection) => {
      try {
        return await copyExecutionResults(connection, params.execution_id, params.format, staging);
      } catch (error) {
        // A file that cannot be written is the export's problem, not the database's: answered here, it does not
        // reach the manager's failure handling, which would report the user's memory file as broken.
        if (writeFailure(error))
          throw badPath(params.path, `DuckDB could not write it: ${(error as Error).message.split('\n')[0]}`);
        throw error;
      }
    });
    fs.renameSync(staging, destination);
    return { path: destination, rows, bytes: fs.statSync(destination).size };
  } catch (error) {
    fs.rmSync(staging, { force: true });
    if (error instanceof DomainError) throw error;
    throw badPath(params.path, `writing failed: ${(error as Error).message.split('\n')[0]}`);
  }
};
