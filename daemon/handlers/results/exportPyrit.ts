import { duckdbOnly } from '../../memory/duckdbOnly';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ParamsOf } from '../../../protocol/methods';
import type { RequestContext } from '../../services';
import type { ResultOf } from '../../../protocol/methods';
import { DomainError } from '../../../domain/errors';
import { isPyritSqliteMemory } from '../../interchange/pyritSqlite/memoryFile';
import { badExportPath, exportDestination } from './exportDestination';
import { ownExecution } from './ownExecution';

type PyritExportParams = Extract<ParamsOf<'results/export'>, { format: 'pyrit-sqlite' }>;

/**
 * Executions as a PyRIT SQLite memory. Built in a hidden sibling and renamed into place, so a failed export leaves
 * no half-written file; a file already there is replaced only when it is a PyRIT memory itself (an export must not
 * clobber a document someone named by mistake).
 */
export async function exportPyritSqlite(
  params: PyritExportParams,
  { session, services }: RequestContext,
): Promise<ResultOf<'results/export'>> {
  const destination = exportDestination(params.path, {
    stateDir: services.config.stateDir,
    memoryDir: services.config.memoryDir,
  });
  if (fs.existsSync(destination) && !(await isPyritSqliteMemory(destination)))
    throw badExportPath(
      params.path,
      'a file that is not a PyRIT memory is already there; pick a new file name (an export replaces only a PyRIT memory).',
    );
  for (const executionId of params.execution_ids) await ownExecution(session.dbPath, executionId, services);
  const staging = path.join(
    path.dirname(destination),
    `.${path.basename(destination)}.${crypto.randomBytes(6).toString('hex')}.partial`,
  );
  try {
    const { results } = await duckdbOnly(services.databases, 'Exporting a PyRIT SQLite memory').exportPyrit(
      session.dbPath,
      params.execution_ids,
      staging,
    );
    fs.renameSync(staging, destination);
    return { path: destination, rows: results, bytes: fs.statSync(destination).size };
  } catch (error) {
    fs.rmSync(staging, { force: true });
    if (error instanceof DomainError) throw error;
    throw badExportPath(params.path, `writing failed: ${(error as Error).message.split('\n')[0]}`);
  }
}
