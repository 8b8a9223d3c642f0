/**
 * The tables of a user's memory file.
 *
 * The four PyRIT tables are PyRIT 0.9's DDL verbatim (column names, types, nullability and order), so that
 * PyRIT's DuckDBMemory and the DuckDB CLI read our files as their own. `IF NOT EXISTS` is the only addition:
 * a file PyRIT created is adopted as it is instead of failing the migration.
 */

export const PYRIT_TABLE_NAMES = ['PromptMemoryEntries', 'EmbeddingData', 'ScoreEntries', 'SeedPromptEntries'] as const;

export const PYRIT_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS "PromptMemoryEntries"(id UUID NOT NULL PRIMARY KEY, role VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL,
 sequence INTEGER NOT NULL, timestamp TIMESTAMP NOT NULL, labels JSON, prompt_metadata JSON, converter_identifiers JSON,
 prompt_target_identifier JSON, orchestrator_identifier JSON, response_error VARCHAR, original_value_data_type VARCHAR NOT NULL,
 original_value VARCHAR NOT NULL, original_value_sha256 VARCHAR, converted_value_data_type VARCHAR NOT NULL,
 converted_value VARCHAR, converted_value_sha256 VARCHAR, original_prompt_id UUID NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS idx_conversation_id ON "PromptMemoryEntries"(conversation_id)`,
  `CREATE TABLE IF NOT EXISTS "EmbeddingData"(id UUID PRIMARY KEY REFERENCES "PromptMemoryEntries"(id), embedding FLOAT[], embedding_type_name VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS "ScoreEntries"(id UUID NOT NULL PRIMARY KEY, score_value VARCHAR NOT NULL, score_value_description VARCHAR,
 score_type VARCHAR NOT NULL, score_category VARCHAR NOT NULL, score_rationale VARCHAR, score_metadata VARCHAR,
 scorer_class_identifier JSON, prompt_request_response_id UUID REFERENCES "PromptMemoryEntries"(id), timestamp TIMESTAMP NOT NULL, task VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS "SeedPromptEntries"(id UUID NOT NULL PRIMARY KEY, value VARCHAR NOT NULL, value_sha256 VARCHAR, data_type VARCHAR NOT NULL,
 name VARCHAR, dataset_name VARCHAR, harm_categories JSON, description VARCHAR, authors JSON, groups JSON, source VARCHAR,
 date_added TIMESTAMP NOT NULL, added_by VARCHAR NOT NULL, prompt_metadata JSON, parameters JSON, prompt_group_id UUID, sequence INTEGER)`,
];

/**
 * ViolentUTF's own tables, with the columns of ViolentUTF's API models. Their timestamps are UTC (the protocol
 * sends instants); PyRIT's are naive local time because PyRIT writes `datetime.now()`.
 *
 * `orchestrator_executions.orchestrator_id` deliberately has no foreign key: DuckDB cannot cascade, so a key
 * would either block deleting a configuration or force deleting the run history with it.
 */
/** An orchestrator belongs to one config file: its real path is the key the editor and the CLI look it up by. */
export const CONFIG_FILE_DDL: readonly string[] = [
  'ALTER TABLE orchestrator_configurations ADD COLUMN IF NOT EXISTS config_file VARCHAR',
];

export const ORCHESTRATOR_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS orchestrator_configurations(id UUID NOT NULL PRIMARY KEY, name VARCHAR NOT NULL,
 orchestrator_type VARCHAR NOT NULL, parameters JSON NOT NULL, tags JSON, status VARCHAR NOT NULL, created_by VARCHAR NOT NULL,
 created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS orchestrator_executions(id UUID NOT NULL PRIMARY KEY, orchestrator_id UUID NOT NULL,
 execution_type VARCHAR NOT NULL, input_data JSON, status VARCHAR NOT NULL, execution_summary JSON,
 started_at TIMESTAMP NOT NULL, completed_at TIMESTAMP, created_by VARCHAR NOT NULL)`,
];

/**
 * A secondary index of the pieces each execution wrote, kept beside PyRIT's table so PyRIT's columns stay exact.
 * PyRIT only records the execution inside the `labels` JSON; finding an execution's pieces through it means
 * parsing every label of every piece ever stored. This narrow table is appended in the same transaction as the
 * pieces, so it is never out of step with them, and it carries what paging, summaries and resume need.
 * No ART index: appends stay cheap, and a scan of these few narrow columns is fast.
 */
export const EXECUTION_INDEX_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS execution_pieces(execution_id VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL,
 piece_id UUID NOT NULL, sequence INTEGER NOT NULL, prompt_key VARCHAR, piece_timestamp TIMESTAMP NOT NULL,
 converter_types JSON, response_error VARCHAR)`,
];

/**
 * PyRIT 1.x's attack result record, one row per prompt (prompt_sending) or objective (red_teaming), with its
 * column names and meanings (docs/results.md). PyRIT declares foreign keys from last_response_id and the score ids;
 * DuckDB checks a foreign key on every UPDATE of the row, and labelling and retrying update these rows, so the
 * references are kept by the write path instead (all in the transaction that writes the rows they point at).
 */
export const ATTACK_RESULT_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS "AttackResultEntries"(id UUID NOT NULL PRIMARY KEY, conversation_id VARCHAR NOT NULL,
 objective VARCHAR NOT NULL, objective_sha256 VARCHAR, attack_identifier JSON NOT NULL, last_response_id UUID,
 automated_score_id UUID, human_score_id UUID, executed_turns INTEGER NOT NULL, execution_time_ms INTEGER NOT NULL,
 outcome VARCHAR NOT NULL, outcome_reason VARCHAR, attack_metadata JSON, pruned_conversation_ids JSON,
 adversarial_chat_conversation_ids JSON, labels JSON, timestamp TIMESTAMP NOT NULL)`,
  // Our index of each execution's attack results, beside PyRIT's table as execution_pieces is beside its pieces:
  // what results/list pages by. Append-only; the result row it points at may change (a label, a retry).
  `CREATE TABLE IF NOT EXISTS execution_attack_results(execution_id VARCHAR NOT NULL, attack_result_id UUID NOT NULL,
 prompt_index INTEGER NOT NULL)`,
];

/**
 * Each result's request piece and its converter chain on its index row, so that results/summary and
 * results/compare read our narrow tables instead of finding the request among PyRIT's pieces (resultRequest.ts).
 * Set when the result is written (a retry updates them with the result row); migration 9 fills existing rows.
 */
export const RESULT_REQUEST_DDL: readonly string[] = [
  'ALTER TABLE execution_attack_results ADD COLUMN IF NOT EXISTS request_piece_id UUID',
  'ALTER TABLE execution_attack_results ADD COLUMN IF NOT EXISTS converter_types JSON',
];

/**
 * The conversations a resumed run gave up on: an objective cut short (kill -9, cancel, shutdown) has turns in
 * memory but no attack result; resume starts it again in a new conversation and lists the old ones here. A table
 * of its own rather than a `superseded` label on PromptMemoryEntries: marking a piece would rewrite a keyed row,
 * which DuckDB runs as delete+insert (and a COMMIT of that cut short by a full disk aborts the process, see
 * docs/security.md), and PyRIT's rows stay as PyRIT wrote them. Append-only, no key: nothing here is ever updated.
 */
export const SUPERSEDED_CONVERSATIONS_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS superseded_conversations(execution_id VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL,
 prompt_index INTEGER NOT NULL, side VARCHAR NOT NULL, superseded_at TIMESTAMP NOT NULL)`,
];

export const SCHEMA_MIGRATIONS_DDL =
  'CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, applied_at TIMESTAMP)';
