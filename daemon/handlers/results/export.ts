import { duckdbOnly } from '../../memory/duckdbOnly';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Handler } from '../../server/dispatcher';
import { DomainError } from '../../../domain/errors';
import { EXPORT_WRITE_FAILED } from '../../memory/duckdbFiles';
import { badExportPath, exportDestination } from './exportDestination';
import { ownExecution } from './ownExecution';
import { exportPyritSqlite } from './exportPyrit';

/**
 * DuckDB writes to a hidden sibling that is renamed over the target at the end: a failed or interrupted export
 * never leaves a half-written file under the name the user picked.
 */
export const resultsExport: Handler<'results/export'> = async (params, context) => {
  if (params.format === 'pyrit-sqlite') return exportPyritSqlite(params, context);
  const { session, services } = context;
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
    const rows = await duckdbOnly(services.databases, 'Exporting results to a file')
      .copyResults(session.dbPath, params.execution_id, params.format, staging)
      .catch((error: unknown) => {
        if (error instanceof DomainError && error.data?.reason === EXPORT_WRITE_FAILED)
          throw badExportPath(params.path, error.message);
        throw error;
      });
    // DuckDB creates the file under the umask (0644); the results are the user's alone, whatever was there before.
    fs.chmodSync(staging, 0o600);
    fs.renameSync(staging, destination);
    return { path: destination, rows, bytes: fs.statSync(destination).size };
  } catch (error) {
    fs.rmSync(staging, { force: true });
    if (error instanceof DomainError) throw error;
    throw badExportPath(params.path, `writing failed: ${(error as Error).message.split('\n')[0]}`);
  }
};
