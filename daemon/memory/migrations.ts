import type { DuckDBConnection } from '@duckdb/node-api';
import { utcTimestampText } from './timestamps';
import { backfillAttackResults } from './attackResultBackfill';
import {
  ATTACK_RESULT_DDL,
  CONFIG_FILE_DDL,
  EXECUTION_INDEX_DDL,
  ORCHESTRATOR_DDL,
  PYRIT_DDL,
  SCHEMA_MIGRATIONS_DDL,
  SUPERSEDED_CONVERSATIONS_DDL,
} from './schema';
import { FINDING_DDL } from './findingSchema';
import { USAGE_LEDGER_DDL } from './usageLedger';
import { DatabaseUnavailableError } from '../../domain/errors';

export interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
  /** Rows the new tables need for what is already stored, computed in code, in the same transaction. */
  backfill?: (connection: DuckDBConnection) => Promise<void>;
}

/**
 * Forward-only: a released migration is never edited, a change is a new version. Each runs in its own
 * transaction together with its `schema_migrations` row, so a crash leaves a file at one version or the next.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'PyRIT 0.9 memory tables', statements: PYRIT_DDL },
  { version: 2, description: 'orchestrator configurations and executions', statements: ORCHESTRATOR_DDL },
  { version: 3, description: 'execution piece index', statements: EXECUTION_INDEX_DDL },
  {
    version: 4,
    description: 'attack results (PyRIT 1.x AttackResultEntries), backfilled for stored executions',
    statements: ATTACK_RESULT_DDL,
    backfill: backfillAttackResults,
  },
  { version: 5, description: 'orchestrators keyed by their config file', statements: CONFIG_FILE_DDL },
  { version: 6, description: 'superseded conversations of resumed runs', statements: SUPERSEDED_CONVERSATIONS_DDL },
  {
    version: 7,
    description: 'findings (OperationEntries, FindingEntries, FindingEvidenceEntries)',
    statements: FINDING_DDL,
  },
  {
    version: 8,
    description: 'model calls (token usage, cost) and budgets of executions',
    statements: USAGE_LEDGER_DDL,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the file to the latest schema; returns the versions it applied (none for an up-to-date file). */
export async function applyMigrations(connection: DuckDBConnection, dbPath: string): Promise<number[]> {
  await connection.run(SCHEMA_MIGRATIONS_DDL);
  const reader = await connection.runAndReadAll('SELECT version FROM schema_migrations');
  const applied = new Set(reader.getRows().map((row) => Number(row[0])));
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_SCHEMA_VERSION) {
    // Writing with an older schema could drop what the newer version relies on; refuse rather than guess.
    throw new DatabaseUnavailableError(
      `${dbPath} was written by a newer ViolentUTF (schema version ${newest}; this daemon knows up to ${LATEST_SCHEMA_VERSION}). Upgrade the extension to open it.`,
      { path: dbPath, reason: 'schema_too_new', schema_version: newest },
    );
  }
  const done: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const statement of migration.statements) await connection.run(statement);
      if (migration.backfill) await migration.backfill(connection);
      await connection.run('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2::TIMESTAMP)', [
        migration.version,
        utcTimestampText(new Date()),
      ]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    done.push(migration.version);
  }
  return done;
}
