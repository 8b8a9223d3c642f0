/**
 * PyRIT's alembic revision `ab8f2c1a9d07` ("pre-alembic release schema"): the frozen schema PyRIT adopts when it
 * opens an unversioned SQLite memory (pyrit/memory/migration.py stamps it, then upgrades to its head). The
 * statements are what SQLAlchemy's SQLite dialect emits for the revision's tables: PyRIT compares the file with
 * `compare_type` on, so each column carries the type word SQLAlchemy renders (`_CustomUUID` is CHAR(36), `Uuid`
 * CHAR(32), String and Unicode VARCHAR, DateTime DATETIME, JSON JSON). No index and no alembic version table:
 * either would make the file differ from the revision, and PyRIT writes the version table itself.
 */

export const PYRIT_REVISION = 'ab8f2c1a9d07';

/** Where the revision was read, for the fixture and the docs. */
export const PYRIT_REVISION_SOURCE = {
  file: 'pyrit/memory/alembic/versions/ab8f2c1a9d07_pre_alembic_release_schema.py',
  commit: 'e12cdfab747b1e0e245be5fe450bedb1d300f0c1',
} as const;

export const PYRIT_VERSION_TABLE = 'pyrit_memory_alembic_version';

export interface RevisionColumn {
  name: string;
  /** The type word SQLAlchemy's SQLite dialect writes for the revision's column type. */
  type: string;
  nullable: boolean;
}

export interface RevisionTable {
  name: string;
  columns: readonly RevisionColumn[];
  foreignKeys: readonly { column: string; references: string }[];
}

function columns(spec: string): RevisionColumn[] {
  return spec
    .trim()
    .split('\n')
    .map((line) => {
      const [name, type, nullability] = line.trim().split(/\s+/);
      return { name, type, nullable: nullability === 'NULL' };
    });
}

/** Table by table in the revision's order (referenced tables first), columns in its order. */
export const REVISION_TABLES: readonly RevisionTable[] = [
  {
    name: 'PromptMemoryEntries',
    columns: columns(`
      id CHAR(36) NOT
      role VARCHAR NOT
      conversation_id VARCHAR NOT
      sequence INTEGER NOT
      timestamp DATETIME NOT
      labels JSON NOT
      prompt_metadata JSON NOT
      targeted_harm_categories JSON NULL
      converter_identifiers JSON NULL
      prompt_target_identifier JSON NOT
      attack_identifier JSON NOT
      response_error VARCHAR NULL
      original_value_data_type VARCHAR NOT
      original_value VARCHAR NOT
      original_value_sha256 VARCHAR NULL
      converted_value_data_type VARCHAR NOT
      converted_value VARCHAR NULL
      converted_value_sha256 VARCHAR NULL
      original_prompt_id CHAR(36) NOT
      pyrit_version VARCHAR NULL`),
    foreignKeys: [],
  },
  {
    name: 'ScenarioResultEntries',
    columns: columns(`
      id CHAR(36) NOT
      scenario_name VARCHAR NOT
      scenario_description VARCHAR NULL
      scenario_version INTEGER NOT
      pyrit_version VARCHAR NOT
      scenario_init_data JSON NULL
      objective_target_identifier JSON NOT
      objective_scorer_identifier JSON NULL
      scenario_run_state VARCHAR NOT
      attack_results_json VARCHAR NOT
      labels JSON NULL
      number_tries INTEGER NOT
      completion_time DATETIME NOT
      timestamp DATETIME NOT`),
    foreignKeys: [],
  },
  {
    name: 'SeedPromptEntries',
    columns: columns(`
      id CHAR(36) NOT
      value VARCHAR NOT
      value_sha256 VARCHAR NULL
      data_type VARCHAR NOT
      name VARCHAR NULL
      dataset_name VARCHAR NULL
      harm_categories JSON NULL
      description VARCHAR NULL
      authors JSON NULL
      groups JSON NULL
      source VARCHAR NULL
      date_added DATETIME NOT
      added_by VARCHAR NOT
      prompt_metadata JSON NULL
      parameters JSON NULL
      prompt_group_id CHAR(36) NULL
      sequence INTEGER NULL
      role VARCHAR NULL
      seed_type VARCHAR NOT`),
    foreignKeys: [],
  },
  {
    name: 'EmbeddingData',
    columns: columns(`
      id CHAR(32) NOT
      embedding JSON NULL
      embedding_type_name VARCHAR NULL`),
    foreignKeys: [{ column: 'id', references: 'PromptMemoryEntries.id' }],
  },
  {
    name: 'ScoreEntries',
    columns: columns(`
      id CHAR(36) NOT
      score_value VARCHAR NOT
      score_value_description VARCHAR NULL
      score_type VARCHAR NOT
      score_category JSON NULL
      score_rationale VARCHAR NULL
      score_metadata JSON NOT
      scorer_class_identifier JSON NOT
      prompt_request_response_id CHAR(36) NULL
      timestamp DATETIME NOT
      task VARCHAR NULL
      objective VARCHAR NULL
      pyrit_version VARCHAR NULL`),
    foreignKeys: [{ column: 'prompt_request_response_id', references: 'PromptMemoryEntries.id' }],
  },
  {
    name: 'AttackResultEntries',
    columns: columns(`
      id CHAR(36) NOT
      conversation_id VARCHAR NOT
      objective VARCHAR NOT
      attack_identifier JSON NOT
      atomic_attack_identifier JSON NULL
      objective_sha256 VARCHAR NULL
      last_response_id CHAR(36) NULL
      last_score_id CHAR(36) NULL
      executed_turns INTEGER NOT
      execution_time_ms INTEGER NOT
      outcome VARCHAR NOT
      outcome_reason VARCHAR NULL
      attack_metadata JSON NULL
      pruned_conversation_ids JSON NULL
      adversarial_chat_conversation_ids JSON NULL
      timestamp DATETIME NOT
      pyrit_version VARCHAR NULL`),
    foreignKeys: [
      { column: 'last_response_id', references: 'PromptMemoryEntries.id' },
      { column: 'last_score_id', references: 'ScoreEntries.id' },
    ],
  },
];

export const REVISION_TABLE_NAMES: readonly string[] = REVISION_TABLES.map((table) => table.name);

/** CREATE TABLE as SQLAlchemy writes it for SQLite: quoted mixed-case names, `PRIMARY KEY (id)`, FKs last. */
export function createTableStatement(table: RevisionTable): string {
  const lines = table.columns.map((column) => `\t${column.name} ${column.type}${column.nullable ? '' : ' NOT NULL'}`);
  lines.push('\tPRIMARY KEY (id)');
  for (const key of table.foreignKeys) {
    const [referenced, referencedColumn] = key.references.split('.');
    lines.push(`\tFOREIGN KEY(${key.column}) REFERENCES "${referenced}" (${referencedColumn})`);
  }
  return `CREATE TABLE "${table.name}" (\n${lines.join(', \n')}\n)`;
}

export const REVISION_DDL: readonly string[] = REVISION_TABLES.map(createTableStatement);
