import type { DatabaseManager } from './databaseManager';
import { copyExecutionResults, type ExportFormat } from './resultExport';
import { exportPyritMemory } from '../interchange/pyritSqlite/exporter';
import { InvalidConfigError } from '../../domain/errors';

/** What only DuckDB does with a user's memory: whole-file exports run on one of its reader connections. */
export interface DuckDBFiles {
  /** The run's results written to `file` by DuckDB's COPY; the number of rows. */
  copyResults(dbPath: string, executionId: string, format: ExportFormat, file: string): Promise<number>;
  /** The runs' conversations, scores and attack results as a PyRIT SQLite memory at `file`. */
  exportPyrit(dbPath: string, executionIds: readonly string[], file: string): Promise<{ results: number }>;
}

/** `data.reason` of the error a COPY that could not write its file gives: the export's problem, not the memory's. */
export const EXPORT_WRITE_FAILED = 'export_write_failed';

function writeFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    /^IO Error|Permission denied|No space left|Cannot open file|Could not write/i.test(message) &&
    !/invalidated|FATAL/i.test(message)
  );
}

/** The exports on a manager of this thread (the daemon's memory thread, or a test's own manager). */
export function managerFiles(manager: DatabaseManager): DuckDBFiles {
  return {
    copyResults: (dbPath, executionId, format, file) =>
      manager.readDuckDB(dbPath, async (connection) => {
        try {
          return await copyExecutionResults(connection, executionId, format, file);
        } catch (error) {
          // Answered here, a file that cannot be written does not reach the manager's failure handling, which
          // would report the user's memory file as broken.
          if (writeFailure(error))
            throw new InvalidConfigError(`DuckDB could not write it: ${(error as Error).message.split('\n')[0]}`, {
              reason: EXPORT_WRITE_FAILED,
            });
          throw error;
        }
      }),
    exportPyrit: (dbPath, executionIds, file) =>
      manager.readDuckDB(dbPath, (connection) => exportPyritMemory(connection, executionIds, file)),
  };
}
