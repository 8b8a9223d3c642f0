// The worker side of bench/writerThread.ts: owns the only DuckDBInstance of its file and appends the column arrays
// it is sent, one transaction per message, answering after COMMIT. A prototype for the bench, not product code.
import { parentPort, workerData } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbMigrationTarget } from '../daemon/memory/databaseOpener';
import { applyMigrations } from '../daemon/memory/migrations';
import { INSTANCE_OPTIONS } from '../daemon/memory/openDatabase';
import { ROW_APPENDERS, type PromptMemoryEntryRow } from '../daemon/memory/tableRows';
import type { PieceColumns } from './writerThread';

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('not a worker');
  const file = (workerData as { file: string }).file;
  const instance = await DuckDBInstance.create(file, { ...INSTANCE_OPTIONS });
  const connection = await instance.connect();
  await applyMigrations(duckdbMigrationTarget(connection), file);
  const appender = await connection.createAppender('PromptMemoryEntries');
  // One message at a time: the next waits until this one's COMMIT, as one drain loop does today.
  let chain = Promise.resolve();
  port.on('message', (message: { id: number; columns: PieceColumns } | 'close') => {
    chain = chain.then(async () => {
      if (message === 'close') {
        appender.closeSync();
        connection.closeSync();
        instance.closeSync();
        port.postMessage({ closed: true });
        return;
      }
      const { columns } = message;
      await connection.run('BEGIN TRANSACTION');
      for (let index = 0; index < columns.id.length; index++) {
        const row = {} as Record<string, unknown>;
        for (const name of Object.keys(columns) as (keyof PieceColumns)[]) row[name] = columns[name][index];
        ROW_APPENDERS.PromptMemoryEntries(appender, row as unknown as PromptMemoryEntryRow);
      }
      appender.flushSync();
      await connection.run('COMMIT');
      port.postMessage({ id: message.id });
    });
  });
}

void main();
