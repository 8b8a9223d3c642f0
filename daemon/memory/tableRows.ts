import type { DuckDBAppender, DuckDBListType } from '@duckdb/node-api';
import { duckdb } from './duckdbModule';

/** JSON already serialized: the writer appends it as is (DuckDB's JSON type is VARCHAR underneath). */
export type JsonText = string;

/** Microseconds of a naive wall clock (see timestamps.ts). */
export type TimestampMicros = bigint;

export interface PromptMemoryEntryRow {
  id: string;
  role: string;
  conversation_id: string;
  sequence: number;
  timestamp: TimestampMicros;
  labels: JsonText | null;
  prompt_metadata: JsonText | null;
  converter_identifiers: JsonText | null;
  prompt_target_identifier: JsonText | null;
  orchestrator_identifier: JsonText | null;
  response_error: string | null;
  original_value_data_type: string;
  original_value: string;
  original_value_sha256: string | null;
  converted_value_data_type: string;
  converted_value: string | null;
  converted_value_sha256: string | null;
  original_prompt_id: string;
}

export interface EmbeddingRow {
  id: string;
  embedding: readonly number[] | null;
  embedding_type_name: string | null;
}

export interface ScoreEntryRow {
  id: string;
  score_value: string;
  score_value_description: string | null;
  score_type: string;
  score_category: string;
  score_rationale: string | null;
  score_metadata: string | null;
  scorer_class_identifier: JsonText | null;
  prompt_request_response_id: string | null;
  timestamp: TimestampMicros;
  task: string | null;
}

export interface SeedPromptRow {
  id: string;
  value: string;
  value_sha256: string | null;
  data_type: string;
  name: string | null;
  dataset_name: string | null;
  harm_categories: JsonText | null;
  description: string | null;
  authors: JsonText | null;
  groups: JsonText | null;
  source: string | null;
  date_added: TimestampMicros;
  added_by: string;
  prompt_metadata: JsonText | null;
  parameters: JsonText | null;
  prompt_group_id: string | null;
  sequence: number | null;
}

export interface ExecutionPieceRow {
  execution_id: string;
  conversation_id: string;
  piece_id: string;
  sequence: number;
  prompt_key: string | null;
  piece_timestamp: TimestampMicros;
  /** JSON array of the converters' __type__, for requests; text because a LIST costs far more to append. */
  converter_types: JsonText | null;
  response_error: string | null;
}

export interface AttackResultRow {
  id: string;
  conversation_id: string;
  objective: string;
  objective_sha256: string | null;
  attack_identifier: JsonText;
  last_response_id: string | null;
  automated_score_id: string | null;
  human_score_id: string | null;
  executed_turns: number;
  execution_time_ms: number;
  outcome: string;
  outcome_reason: string | null;
  attack_metadata: JsonText | null;
  pruned_conversation_ids: JsonText | null;
  adversarial_chat_conversation_ids: JsonText | null;
  labels: JsonText | null;
  timestamp: TimestampMicros;
}

export interface ExecutionAttackResultRow {
  execution_id: string;
  attack_result_id: string;
  prompt_index: number;
  /**
   * The result's request piece and its converter chain (schema 9, resultRequest.ts), set by the store when it
   * writes the row. Absent only in rows built for a file older than schema 9 (migration 4's backfill), which
   * migration 9 then fills.
   */
  request_piece_id?: string | null;
  converter_types?: string | null;
}

/** A conversation resume gave up on (schema.ts SUPERSEDED_CONVERSATIONS_DDL). */
export interface SupersededConversationRow {
  execution_id: string;
  conversation_id: string;
  prompt_index: number;
  /** Which side of the attack it was: the target's conversation or the attacker's. */
  side: 'objective_target' | 'adversarial_chat';
  /** UTC, as our own tables keep time. */
  superseded_at: TimestampMicros;
}

/** One model call of an execution, any role (usageLedger.ts USAGE_LEDGER_DDL). */
export interface ExecutionModelCallRow {
  execution_id: string;
  role: string;
  model_name: string | null;
  endpoint: string | null;
  /** Null when the reply reported no usage. */
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /** Null when the tokens or the model's price are unknown. */
  cost_usd: number | null;
  called_at: TimestampMicros;
}

/** The budget an execution was given, at start or at a resume; the latest row is the one in force. */
export interface ExecutionBudgetRow {
  execution_id: string;
  /** JSON text of the budget; "{}" is none. */
  budget: string;
  set_at: TimestampMicros;
}

/** Tables written through DuckDB's appender (new rows; later changes, as a label, are UPDATE statements). */
export interface TableRows {
  PromptMemoryEntries: PromptMemoryEntryRow;
  EmbeddingData: EmbeddingRow;
  ScoreEntries: ScoreEntryRow;
  SeedPromptEntries: SeedPromptRow;
  execution_pieces: ExecutionPieceRow;
  AttackResultEntries: AttackResultRow;
  execution_attack_results: ExecutionAttackResultRow;
  superseded_conversations: SupersededConversationRow;
  execution_model_calls: ExecutionModelCallRow;
  execution_budgets: ExecutionBudgetRow;
}

export type AppendTable = keyof TableRows;

export type RowsByTable = { [K in AppendTable]?: readonly TableRows[K][] };

/**
 * Referenced tables before referencing ones: within one transaction a score's foreign key is checked when the
 * score is flushed, so its piece must have been flushed first.
 */
export const APPEND_ORDER: readonly AppendTable[] = [
  'PromptMemoryEntries',
  'EmbeddingData',
  'ScoreEntries',
  'SeedPromptEntries',
  'execution_pieces',
  'AttackResultEntries',
  'execution_attack_results',
  'superseded_conversations',
  'execution_model_calls',
  'execution_budgets',
];

// UUIDs go in as text: the appender casts to UUID natively, which costs the same as building the 128-bit
// BigInt in JS and validates the format for free.
function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendInteger(appender: DuckDBAppender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendInteger(value);
}

function appendTimestamp(appender: DuckDBAppender, micros: TimestampMicros): void {
  appender.appendTimestamp(new (duckdb().DuckDBTimestampValue)(micros));
}

let floatList: DuckDBListType | undefined;
const FLOAT_LIST = (): DuckDBListType => (floatList ??= duckdb().LIST(duckdb().FLOAT));

/** One function per table, in the table's column order, because the appender is positional. */
export const ROW_APPENDERS: { [K in AppendTable]: (appender: DuckDBAppender, row: TableRows[K]) => void } = {
  PromptMemoryEntries(appender, row) {
    appender.appendVarchar(row.id);
    appender.appendVarchar(row.role);
    appender.appendVarchar(row.conversation_id);
    appender.appendInteger(row.sequence);
    appendTimestamp(appender, row.timestamp);
    appendText(appender, row.labels);
    appendText(appender, row.prompt_metadata);
    appendText(appender, row.converter_identifiers);
    appendText(appender, row.prompt_target_identifier);
    appendText(appender, row.orchestrator_identifier);
    appendText(appender, row.response_error);
    appender.appendVarchar(row.original_value_data_type);
    appender.appendVarchar(row.original_value);
    appendText(appender, row.original_value_sha256);
    appender.appendVarchar(row.converted_value_data_type);
    appendText(appender, row.converted_value);
    appendText(appender, row.converted_value_sha256);
    appender.appendVarchar(row.original_prompt_id);
    appender.endRow();
  },
  EmbeddingData(appender, row) {
    appender.appendVarchar(row.id);
    if (row.embedding === null) appender.appendNull();
    else appender.appendList(row.embedding, FLOAT_LIST());
    appendText(appender, row.embedding_type_name);
    appender.endRow();
  },
  ScoreEntries(appender, row) {
    appender.appendVarchar(row.id);
    appender.appendVarchar(row.score_value);
    appendText(appender, row.score_value_description);
    appender.appendVarchar(row.score_type);
    appender.appendVarchar(row.score_category);
    appendText(appender, row.score_rationale);
    appendText(appender, row.score_metadata);
    appendText(appender, row.scorer_class_identifier);
    appendText(appender, row.prompt_request_response_id);
    appendTimestamp(appender, row.timestamp);
    appendText(appender, row.task);
    appender.endRow();
  },
  SeedPromptEntries(appender, row) {
    appender.appendVarchar(row.id);
    appender.appendVarchar(row.value);
    appendText(appender, row.value_sha256);
    appender.appendVarchar(row.data_type);
    appendText(appender, row.name);
    appendText(appender, row.dataset_name);
    appendText(appender, row.harm_categories);
    appendText(appender, row.description);
    appendText(appender, row.authors);
    appendText(appender, row.groups);
    appendText(appender, row.source);
    appendTimestamp(appender, row.date_added);
    appender.appendVarchar(row.added_by);
    appendText(appender, row.prompt_metadata);
    appendText(appender, row.parameters);
    appendText(appender, row.prompt_group_id);
    appendInteger(appender, row.sequence);
    appender.endRow();
  },
  execution_pieces(appender, row) {
    appender.appendVarchar(row.execution_id);
    appender.appendVarchar(row.conversation_id);
    appender.appendVarchar(row.piece_id);
    appender.appendInteger(row.sequence);
    appendText(appender, row.prompt_key);
    appendTimestamp(appender, row.piece_timestamp);
    appendText(appender, row.converter_types);
    appendText(appender, row.response_error);
    appender.endRow();
  },
  AttackResultEntries(appender, row) {
    appender.appendVarchar(row.id);
    appender.appendVarchar(row.conversation_id);
    appender.appendVarchar(row.objective);
    appendText(appender, row.objective_sha256);
    appender.appendVarchar(row.attack_identifier);
    appendText(appender, row.last_response_id);
    appendText(appender, row.automated_score_id);
    appendText(appender, row.human_score_id);
    appender.appendInteger(row.executed_turns);
    appender.appendInteger(row.execution_time_ms);
    appender.appendVarchar(row.outcome);
    appendText(appender, row.outcome_reason);
    appendText(appender, row.attack_metadata);
    appendText(appender, row.pruned_conversation_ids);
    appendText(appender, row.adversarial_chat_conversation_ids);
    appendText(appender, row.labels);
    appendTimestamp(appender, row.timestamp);
    appender.endRow();
  },
  execution_attack_results(appender, row) {
    appender.appendVarchar(row.execution_id);
    appender.appendVarchar(row.attack_result_id);
    appender.appendInteger(row.prompt_index);
    // Migration 4's backfill appends here before migration 9 adds the request columns to an old file.
    if (appender.columnCount > 3) {
      appendText(appender, row.request_piece_id ?? null);
      appendText(appender, row.converter_types ?? null);
    }
    appender.endRow();
  },
  superseded_conversations(appender, row) {
    appender.appendVarchar(row.execution_id);
    appender.appendVarchar(row.conversation_id);
    appender.appendInteger(row.prompt_index);
    appender.appendVarchar(row.side);
    appendTimestamp(appender, row.superseded_at);
    appender.endRow();
  },
  execution_model_calls(appender, row) {
    appender.appendVarchar(row.execution_id);
    appender.appendVarchar(row.role);
    appendText(appender, row.model_name);
    appendText(appender, row.endpoint);
    appendInteger(appender, row.prompt_tokens);
    appendInteger(appender, row.completion_tokens);
    if (row.cost_usd === null) appender.appendNull();
    else appender.appendDouble(row.cost_usd);
    appendTimestamp(appender, row.called_at);
    appender.endRow();
  },
  execution_budgets(appender, row) {
    appender.appendVarchar(row.execution_id);
    appender.appendVarchar(row.budget);
    appendTimestamp(appender, row.set_at);
    appender.endRow();
  },
};

export function countRows(rows: RowsByTable): number {
  let count = 0;
  for (const table of APPEND_ORDER) count += rows[table]?.length ?? 0;
  return count;
}
