import type { SqlDialect, SqlReader, SqlSession } from './sqlSession';
import type { RowsByTable } from './tableRows';
import { utcTimestampText } from './timestamps';
import { backfillAttackResults } from './attackResultBackfill';
import {
  ATTACK_RESULT_DDL,
  CONFIG_FILE_DDL,
  EXECUTION_INDEX_DDL,
  ORCHESTRATOR_DDL,
  PYRIT_DDL,
  RESULT_REQUEST_DDL,
  SCHEMA_MIGRATIONS_DDL,
  SUPERSEDED_CONVERSATIONS_DDL,
} from './schema';
import { FINDING_DDL } from './findingSchema';
import { USAGE_LEDGER_DDL } from './usageLedger';
import { DatabaseUnavailableError } from '../../domain/errors';
import { fillRequestsStatement } from './resultRequest';

export interface Migration {
  version: number;
  description: string;
  /** DuckDB's DDL; PostgreSQL runs `postgresStatements` if given, else these through postgresDdl(). */
  statements: readonly string[];
  postgresStatements?: readonly string[];
  /** Rows the new tables need for what is already stored, computed in code, stored in the same transaction. */
  backfill?: (reader: SqlReader) => Promise<RowsByTable>;
}

/** What a migration runs on: a session inside the backend, and how that backend stores rows. */
export interface MigrationTarget extends SqlSession {
  insertRows(rows: RowsByTable): Promise<void>;
}

/**
 * The one difference of our DDL between the two: PostgreSQL's JSON type keeps text as written, its JSONB is the
 * queryable one (what PyRIT's SQLAlchemy models use on PostgreSQL); DuckDB's FLOAT[] is REAL[] there.
 */
export function postgresDdl(statement: string): string {
  return statement.replace(/\bJSON\b/g, 'JSONB').replace(/\bFLOAT\[\]/g, 'REAL[]');
}

export function migrationStatements(migration: Migration, dialect: SqlDialect): readonly string[] {
  if (dialect === 'duckdb') return migration.statements;
  return migration.postgresStatements ?? migration.statements.map(postgresDdl);
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
  {
    version: 9,
    description: "each attack result's request piece and converter chain on its index row, backfilled",
    statements: [...RESULT_REQUEST_DDL, fillRequestsStatement('all')],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Brings the file (or PostgreSQL schema) to the latest schema; returns the versions it applied (none for an
 * up-to-date one).
 */
export async function applyMigrations(connection: MigrationTarget, dbPath: string): Promise<number[]> {
  await connection.run(SCHEMA_MIGRATIONS_DDL);
  const rows = await connection.query('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => Number(row.version)));
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
      for (const statement of migrationStatements(migration, connection.dialect)) await connection.run(statement);
      if (migration.backfill) await connection.insertRows(await migration.backfill(connection));
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
