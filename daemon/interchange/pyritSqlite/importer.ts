import type { MemoryStore } from '../../memory';
import { DuckdbSourceTables } from './duckdbSourceTables';
import { planImport } from './importPlan';
import { writeImportPlan, type ImportTotals } from './importWrite';
import { inspectMemoryFile, openSqliteMemory } from './memoryFile';
import { PYRIT_REVISION } from './revision';
import { readSourceMemory, type SourceMemory } from './sourceRows';
import type { SourceTables } from './sourceTables';

export type ImportStage = 'reading' | 'writing' | 'done';

export interface ImportProgress {
  stage: ImportStage;
  /** The table being read, while reading. */
  table: string | null;
  done: number;
  total: number;
}

export interface PyritImport extends ImportTotals {
  path: string;
  format: 'sqlite' | 'duckdb';
  /** The alembic revision the file is stamped with; null for an unversioned file (the pre-alembic schema). */
  revision: string | null;
}

/**
 * A PyRIT memory into the caller's memory: inspected, read page by page (progress reported), planned without I/O,
 * then written in one transaction. The source is only ever read.
 */
export async function importPyritMemory(input: {
  path: string;
  owner: string;
  store: MemoryStore;
  onProgress: (progress: ImportProgress) => void;
  now?: Date;
}): Promise<PyritImport> {
  const { kind } = inspectMemoryFile(input.path);
  const source: SourceTables =
    kind === 'sqlite' ? await openSqliteMemory(input.path) : await DuckdbSourceTables.open(input.path);
  let memory: SourceMemory;
  try {
    memory = await readSourceMemory(source, (progress) => input.onProgress({ stage: 'reading', ...progress }));
  } finally {
    source.close();
  }
  const plan = planImport(memory, input.owner);
  const results = plan.executions.reduce((sum, execution) => sum + execution.results.length, 0);
  input.onProgress({ stage: 'writing', table: null, done: 0, total: results });
  const schema = memory.revision ?? unversionedSchema(kind);
  const totals = await input.store.importInTransaction((transaction) =>
    writeImportPlan(transaction, plan, input.owner, { path: input.path, revision: schema }, input.now ?? new Date()),
  );
  input.onProgress({ stage: 'done', table: null, done: results, total: results });
  return { path: input.path, format: kind, revision: memory.revision, ...totals };
}

/** What an execution's input records as its source's schema when the file carries no alembic stamp. */
function unversionedSchema(kind: 'sqlite' | 'duckdb'): string {
  return kind === 'sqlite' ? `${PYRIT_REVISION} (unversioned)` : 'pyrit-0.9-duckdb';
}
