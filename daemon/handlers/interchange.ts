import fs from 'node:fs';
import path from 'node:path';
import type { Handler } from '../server/dispatcher';
import { InvalidInputError } from '../../domain/errors';
import { importPyritMemory } from '../interchange/pyritSqlite/importer';

function badImportPath(filePath: string, problem: string): InvalidInputError {
  return new InvalidInputError(`Cannot import ${JSON.stringify(filePath)}: ${problem}`, {
    field: 'path',
    path: filePath,
  });
}

function isInside(child: string, folder: string): boolean {
  const relative = path.relative(folder, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Only the daemon opens the user's memory, so the import runs here: the file is read (never written), its attacks
 * become executions of the caller, and this connection hears memory/importProgress while it runs. The daemon's
 * own folders are refused: its memory files are open in this process, and its state files are secrets.
 */
export const memoryImportPyrit: Handler<'memory/importPyrit'> = async (params, { session, services }) => {
  if (/[\n\r\0]/.test(params.path)) throw badImportPath(params.path, 'the path contains a newline or NUL character.');
  if (!path.isAbsolute(params.path))
    throw badImportPath(params.path, 'the path must be absolute (the daemon does not share your working directory).');
  const resolved = realOrSelf(params.path);
  for (const [what, folder] of [
    ['state', services.config.stateDir],
    ['memory', services.config.memoryDir],
  ] as const) {
    if (isInside(resolved, realOrSelf(folder)))
      throw badImportPath(
        params.path,
        `it is inside the daemon's ${what} folder (${folder}); your own memory is already yours. Copy the file elsewhere to import it.`,
      );
  }
  const store = await services.memory.storeFor(session.dbPath);
  const imported = await importPyritMemory({
    path: resolved,
    owner: session.username,
    store,
    onProgress: (progress) => session.notify('memory/importProgress', { path: params.path, ...progress }),
  });
  // The tree and open panels refresh as for a run that just ended.
  for (const execution of imported.executions) {
    if (execution.added_results === 0) continue;
    for (const client of services.clients.forUser(session.username))
      client.notify('orchestrators/changed', { orchestrator_id: execution.orchestrator_id, change: 'created' });
    services.executions.announce(session, execution.execution_id);
  }
  return { ...imported, path: params.path };
};
