import { DuckDBInstance } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { MIGRATIONS } from '../../daemon/memory/migrations';
import { createManager, queryFile, tempDir } from './memoryTestKit';

type Column = [name: string, type: string, nullable: 'YES' | 'NO'];

/**
 * Transcribed by hand from PyRIT 0.9's DDL (the issue), not derived from schema.ts: this is what PyRIT's
 * DuckDBMemory and the DuckDB CLI expect to find.
 */
const PYRIT_COLUMNS: Record<string, Column[]> = {
  PromptMemoryEntries: [
    ['id', 'UUID', 'NO'],
    ['role', 'VARCHAR', 'NO'],
    ['conversation_id', 'VARCHAR', 'NO'],
    ['sequence', 'INTEGER', 'NO'],
    ['timestamp', 'TIMESTAMP', 'NO'],
    ['labels', 'JSON', 'YES'],
    ['prompt_metadata', 'JSON', 'YES'],
    ['converter_identifiers', 'JSON', 'YES'],
    ['prompt_target_identifier', 'JSON', 'YES'],
    ['orchestrator_identifier', 'JSON', 'YES'],
    ['response_error', 'VARCHAR', 'YES'],
    ['original_value_data_type', 'VARCHAR', 'NO'],
    ['original_value', 'VARCHAR', 'NO'],
    ['original_value_sha256', 'VARCHAR', 'YES'],
    ['converted_value_data_type', 'VARCHAR', 'NO'],
    ['converted_value', 'VARCHAR', 'YES'],
    ['converted_value_sha256', 'VARCHAR', 'YES'],
    ['original_prompt_id', 'UUID', 'NO'],
  ],
  EmbeddingData: [
    ['id', 'UUID', 'NO'],
    ['embedding', 'FLOAT[]', 'YES'],
    ['embedding_type_name', 'VARCHAR', 'YES'],
  ],
  ScoreEntries: [
    ['id', 'UUID', 'NO'],
    ['score_value', 'VARCHAR', 'NO'],
    ['score_value_description', 'VARCHAR', 'YES'],
    ['score_type', 'VARCHAR', 'NO'],
    ['score_category', 'VARCHAR', 'NO'],
    ['score_rationale', 'VARCHAR', 'YES'],
    ['score_metadata', 'VARCHAR', 'YES'],
    ['scorer_class_identifier', 'JSON', 'YES'],
    ['prompt_request_response_id', 'UUID', 'YES'],
    ['timestamp', 'TIMESTAMP', 'NO'],
    ['task', 'VARCHAR', 'YES'],
  ],
  SeedPromptEntries: [
    ['id', 'UUID', 'NO'],
    ['value', 'VARCHAR', 'NO'],
    ['value_sha256', 'VARCHAR', 'YES'],
    ['data_type', 'VARCHAR', 'NO'],
    ['name', 'VARCHAR', 'YES'],
    ['dataset_name', 'VARCHAR', 'YES'],
    ['harm_categories', 'JSON', 'YES'],
    ['description', 'VARCHAR', 'YES'],
    ['authors', 'JSON', 'YES'],
    ['groups', 'JSON', 'YES'],
    ['source', 'VARCHAR', 'YES'],
    ['date_added', 'TIMESTAMP', 'NO'],
    ['added_by', 'VARCHAR', 'NO'],
    ['prompt_metadata', 'JSON', 'YES'],
    ['parameters', 'JSON', 'YES'],
    ['prompt_group_id', 'UUID', 'YES'],
    ['sequence', 'INTEGER', 'YES'],
  ],
};

const OUR_COLUMNS: Record<string, Column[]> = {
  schema_migrations: [
    ['version', 'INTEGER', 'NO'],
    ['applied_at', 'TIMESTAMP', 'YES'],
  ],
  orchestrator_configurations: [
    ['id', 'UUID', 'NO'],
    ['name', 'VARCHAR', 'NO'],
    ['orchestrator_type', 'VARCHAR', 'NO'],
    ['parameters', 'JSON', 'NO'],
    ['tags', 'JSON', 'YES'],
    ['status', 'VARCHAR', 'NO'],
    ['created_by', 'VARCHAR', 'NO'],
    ['created_at', 'TIMESTAMP', 'NO'],
    ['updated_at', 'TIMESTAMP', 'NO'],
    // Migration 5: the real path of the config file the orchestrator belongs to.
    ['config_file', 'VARCHAR', 'YES'],
  ],
  // PyRIT 1.x's attack result columns, as docs/results.md lists them ("Where it is stored").
  AttackResultEntries: [
    ['id', 'UUID', 'NO'],
    ['conversation_id', 'VARCHAR', 'NO'],
    ['objective', 'VARCHAR', 'NO'],
    ['objective_sha256', 'VARCHAR', 'YES'],
    ['attack_identifier', 'JSON', 'NO'],
    ['last_response_id', 'UUID', 'YES'],
    ['automated_score_id', 'UUID', 'YES'],
    ['human_score_id', 'UUID', 'YES'],
    ['executed_turns', 'INTEGER', 'NO'],
    ['execution_time_ms', 'INTEGER', 'NO'],
    ['outcome', 'VARCHAR', 'NO'],
    ['outcome_reason', 'VARCHAR', 'YES'],
    ['attack_metadata', 'JSON', 'YES'],
    ['pruned_conversation_ids', 'JSON', 'YES'],
    ['adversarial_chat_conversation_ids', 'JSON', 'YES'],
    ['labels', 'JSON', 'YES'],
    ['timestamp', 'TIMESTAMP', 'NO'],
  ],
  execution_attack_results: [
    ['execution_id', 'VARCHAR', 'NO'],
    ['attack_result_id', 'UUID', 'NO'],
    ['prompt_index', 'INTEGER', 'NO'],
    // Schema 9: the result's request piece and its converter chain (daemon/memory/resultRequest.ts).
    ['request_piece_id', 'UUID', 'YES'],
    ['converter_types', 'JSON', 'YES'],
  ],
  // Findings (docs/results.md, "Findings"): named after PyRIT's tables, ids and timestamps as PyRIT keeps them.
  OperationEntries: [
    ['id', 'UUID', 'NO'],
    ['name', 'VARCHAR', 'NO'],
    ['description', 'VARCHAR', 'YES'],
    ['operator', 'VARCHAR', 'NO'],
    ['labels', 'JSON', 'YES'],
    ['timestamp', 'TIMESTAMP', 'NO'],
    ['pyrit_version', 'VARCHAR', 'YES'],
  ],
  FindingEntries: [
    ['id', 'UUID', 'NO'],
    ['operation_id', 'UUID', 'NO'],
    ['title', 'VARCHAR', 'NO'],
    ['severity', 'VARCHAR', 'NO'],
    ['harm_category', 'VARCHAR', 'YES'],
    ['description', 'VARCHAR', 'YES'],
    ['operator', 'VARCHAR', 'NO'],
    ['labels', 'JSON', 'YES'],
    ['timestamp', 'TIMESTAMP', 'NO'],
    ['updated_at', 'TIMESTAMP', 'NO'],
    ['pyrit_version', 'VARCHAR', 'YES'],
  ],
  FindingEvidenceEntries: [
    ['id', 'UUID', 'NO'],
    ['finding_id', 'UUID', 'NO'],
    ['execution_id', 'VARCHAR', 'NO'],
    ['conversation_id', 'VARCHAR', 'NO'],
    ['attack_result_id', 'UUID', 'YES'],
    ['sequence', 'INTEGER', 'NO'],
    ['timestamp', 'TIMESTAMP', 'NO'],
  ],
  orchestrator_executions: [
    ['id', 'UUID', 'NO'],
    ['orchestrator_id', 'UUID', 'NO'],
    ['execution_type', 'VARCHAR', 'NO'],
    ['input_data', 'JSON', 'YES'],
    ['status', 'VARCHAR', 'NO'],
    ['execution_summary', 'JSON', 'YES'],
    ['started_at', 'TIMESTAMP', 'NO'],
    ['completed_at', 'TIMESTAMP', 'YES'],
    ['created_by', 'VARCHAR', 'NO'],
  ],
};

async function columnsOf(dbPath: string): Promise<Map<string, Column[]>> {
  const rows = await queryFile(
    dbPath,
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const row of rows) {
    const table = String(row.table_name);
    const columns = tables.get(table) ?? [];
    columns.push([String(row.column_name), String(row.data_type), row.is_nullable === 'YES' ? 'YES' : 'NO']);
    tables.set(table, columns);
  }
  return tables;
}

async function createdFile(prefix: string): Promise<{ dbPath: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir(prefix);
  const dbPath = path.join(dir, 'user.db');
  const { manager } = createManager();
  await new MemoryStore(manager, dbPath).listOrchestrators();
  await manager.closeAll();
  return { dbPath, cleanup };
}

describe('schema', () => {
  it("has PyRIT 0.9's four tables column by column: name, type, nullability, order", { timeout: 30_000 }, async () => {
    const { dbPath, cleanup } = await createdFile('schema-pyrit');
    try {
      const tables = await columnsOf(dbPath);
      for (const [table, expected] of Object.entries({ ...PYRIT_COLUMNS, ...OUR_COLUMNS })) {
        const actual = tables.get(table);
        assert.ok(actual !== undefined, `table ${table} is missing`);
        assert.equal(actual.length, expected.length, `${table}: column count`);
        expected.forEach((column, index) => assert.deepEqual(actual[index], column, `${table} column ${index + 1}`));
      }
    } finally {
      cleanup();
    }
  });

  it("has PyRIT's keys and its conversation index", { timeout: 30_000 }, async () => {
    const { dbPath, cleanup } = await createdFile('schema-keys');
    try {
      const constraints = await queryFile(
        dbPath,
        `SELECT table_name, constraint_type, constraint_column_names::VARCHAR AS columns,
           referenced_table, referenced_column_names::VARCHAR AS referenced
         FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') ORDER BY table_name, constraint_type`,
      );
      const described = constraints.map((row) =>
        row.constraint_type === 'FOREIGN KEY'
          ? `${String(row.table_name)} FK ${String(row.columns)} -> ${String(row.referenced_table)}${String(row.referenced)}`
          : `${String(row.table_name)} PK ${String(row.columns)}`,
      );
      for (const expected of [
        'PromptMemoryEntries PK [id]',
        'EmbeddingData PK [id]',
        'EmbeddingData FK [id] -> PromptMemoryEntries[id]',
        'ScoreEntries PK [id]',
        'ScoreEntries FK [prompt_request_response_id] -> PromptMemoryEntries[id]',
        'SeedPromptEntries PK [id]',
        'AttackResultEntries PK [id]',
        'schema_migrations PK [version]',
      ]) {
        assert.ok(described.includes(expected), `${expected} not in ${JSON.stringify(described)}`);
      }
      const indexes = await queryFile(
        dbPath,
        `SELECT index_name, table_name, expressions::VARCHAR AS expressions FROM duckdb_indexes()`,
      );
      assert.ok(
        indexes.some(
          (row) =>
            row.index_name === 'idx_conversation_id' &&
            row.table_name === 'PromptMemoryEntries' &&
            String(row.expressions).includes('conversation_id'),
        ),
        JSON.stringify(indexes),
      );
    } finally {
      cleanup();
    }
  });

  it('records its migrations and applies none twice', { timeout: 30_000 }, async () => {
    const { dbPath, cleanup } = await createdFile('schema-migrations');
    try {
      const { manager } = createManager();
      await new MemoryStore(manager, dbPath).listOrchestrators();
      await manager.closeAll();
      const versions = await queryFile(
        dbPath,
        'SELECT version, applied_at IS NOT NULL AS stamped FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        versions,
        MIGRATIONS.map((migration) => ({ version: migration.version, stamped: true })),
      );
    } finally {
      cleanup();
    }
  });

  it('adopts a file PyRIT created itself, keeping its rows', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('schema-adopt');
    const dbPath = path.join(dir, 'pyrit.db');
    try {
      // PyRIT's own DDL, verbatim (no IF NOT EXISTS), and a row as PyRIT writes it.
      const instance = await DuckDBInstance.create(dbPath);
      const connection = await instance.connect();
      await connection.run(`CREATE TABLE "PromptMemoryEntries"(id UUID NOT NULL PRIMARY KEY, role VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL,
 sequence INTEGER NOT NULL, timestamp TIMESTAMP NOT NULL, labels JSON, prompt_metadata JSON, converter_identifiers JSON,
 prompt_target_identifier JSON, orchestrator_identifier JSON, response_error VARCHAR, original_value_data_type VARCHAR NOT NULL,
 original_value VARCHAR NOT NULL, original_value_sha256 VARCHAR, converted_value_data_type VARCHAR NOT NULL,
 converted_value VARCHAR, converted_value_sha256 VARCHAR, original_prompt_id UUID NOT NULL);
CREATE INDEX idx_conversation_id ON "PromptMemoryEntries"(conversation_id);
INSERT INTO "PromptMemoryEntries" VALUES ('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'user', 'c1', 0, TIMESTAMP '2025-01-01 10:00:00',
 '{}', '{}', '[]', '{}', '{}', 'none', 'text', 'hello', NULL, 'text', 'hello', NULL, '6ba7b810-9dad-11d1-80b4-00c04fd430c8');`);
      connection.closeSync();
      instance.closeSync();

      const { manager } = createManager();
      await new MemoryStore(manager, dbPath).listOrchestrators();
      await manager.closeAll();
      const tables = await columnsOf(dbPath);
      assert.deepEqual(tables.get('PromptMemoryEntries'), PYRIT_COLUMNS.PromptMemoryEntries);
      assert.ok(tables.has('ScoreEntries') && tables.has('orchestrator_executions'));
      assert.deepEqual(await queryFile(dbPath, 'SELECT original_value FROM "PromptMemoryEntries"'), [
        { original_value: 'hello' },
      ]);
    } finally {
      cleanup();
    }
  });
});
