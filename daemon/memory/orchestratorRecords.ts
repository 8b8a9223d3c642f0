import type { SqlValue } from './sqlSession';
import type { JsonObject, JsonValue } from '../../domain/json';
import { integer, parsedJson, text, textOrNull, type JsonRow } from './rowValues';
import { utcTextToIso, utcTimestampText } from './timestamps';

/** Saved orchestrator configurations and their executions: ViolentUTF's tables, ViolentUTF's columns. */

export type { JsonObject, JsonValue } from '../../domain/json';

export interface OrchestratorConfigInput {
  /** Given: update that configuration (or create it with this id). Absent: create a new one. */
  id?: string;
  name: string;
  orchestrator_type: string;
  parameters: JsonObject;
  tags?: readonly string[];
  status?: string;
  created_by: string;
  /** The real path of the config file this orchestrator belongs to (its key); null for one saved without a file. */
  config_file?: string | null;
}

export interface OrchestratorConfigRecord {
  id: string;
  name: string;
  orchestrator_type: string;
  parameters: JsonObject;
  tags: string[];
  status: string;
  created_by: string;
  config_file: string | null;
  /** ISO 8601, UTC. */
  created_at: string;
  updated_at: string;
}

export type ExecutionStatus =
  | 'pending'
  | 'running'
  | 'completed'
  | 'completed_with_errors'
  | 'failed'
  | 'cancelled'
  | 'interrupted'
  | 'budget_exhausted';

export interface ExecutionInput {
  id?: string;
  orchestrator_id: string;
  execution_type: string;
  input_data?: JsonValue;
  status?: ExecutionStatus;
  created_by: string;
  started_at?: Date;
}

export interface ExecutionUpdate {
  status?: ExecutionStatus;
  execution_summary?: JsonValue;
  completed_at?: Date | null;
}

export interface ExecutionRecord {
  id: string;
  orchestrator_id: string;
  execution_type: string;
  /** null in listings (see EXECUTION_LIST_COLUMNS). */
  input_data: JsonValue;
  /** Length of input_data.prompt_list, read without fetching it. */
  prompt_count: number;
  status: string;
  execution_summary: JsonValue;
  started_at: string;
  completed_at: string | null;
  created_by: string;
}

export const CONFIG_COLUMNS = `id::VARCHAR AS id, name, orchestrator_type, parameters, tags, status, created_by,
 config_file, created_at::VARCHAR AS created_at, updated_at::VARCHAR AS updated_at`;

const EXECUTION_FIELDS = `id::VARCHAR AS id, orchestrator_id::VARCHAR AS orchestrator_id, execution_type,
 status, execution_summary, started_at::VARCHAR AS started_at, completed_at::VARCHAR AS completed_at, created_by,
 coalesce(json_array_length(input_data, '$.prompt_list'), 0)::INTEGER AS prompt_count`;

export const EXECUTION_COLUMNS = `${EXECUTION_FIELDS}, input_data`;

/**
 * Listings leave input_data out: it holds every prompt of the run (megabytes for a big one), and a tree refresh
 * needs only how many there were.
 */
export const EXECUTION_LIST_COLUMNS = `${EXECUTION_FIELDS}, NULL::JSON AS input_data`;

export interface Statement {
  sql: string;
  params: SqlValue[];
}

/**
 * Row rewrites carry no RETURNING: DuckDB 1.5 aborts the process when the COMMIT of an `UPDATE … RETURNING` (or an
 * upsert with it) on a keyed table runs out of disk part-way (diskSpace.ts); the row is read back in the same
 * transaction instead.
 */
export function configById(id: string): Statement {
  return { sql: `SELECT ${CONFIG_COLUMNS} FROM orchestrator_configurations WHERE id = $1::UUID`, params: [id] };
}

export function executionListRowById(id: string): Statement {
  return { sql: `SELECT ${EXECUTION_LIST_COLUMNS} FROM orchestrator_executions WHERE id = $1::UUID`, params: [id] };
}

/** Insert, or replace everything but the creation fields of an existing configuration with the same id. */
export function upsertConfigStatement(id: string, input: OrchestratorConfigInput, now: Date): Statement {
  return {
    sql: `INSERT INTO orchestrator_configurations
 (id, name, orchestrator_type, parameters, tags, status, created_by, created_at, updated_at, config_file)
 VALUES ($1::UUID, $2, $3, $4::JSON, $5::JSON, $6, $7, $8::TIMESTAMP, $8::TIMESTAMP, $9)
 ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, orchestrator_type = EXCLUDED.orchestrator_type,
 parameters = EXCLUDED.parameters, tags = EXCLUDED.tags, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
 config_file = EXCLUDED.config_file`,
    params: [
      id,
      input.name,
      input.orchestrator_type,
      JSON.stringify(input.parameters),
      JSON.stringify(input.tags ?? []),
      input.status ?? 'active',
      input.created_by,
      utcTimestampText(now),
      input.config_file ?? null,
    ],
  };
}

export function insertExecutionStatement(id: string, input: ExecutionInput): Statement {
  return {
    sql: `INSERT INTO orchestrator_executions
 (id, orchestrator_id, execution_type, input_data, status, execution_summary, started_at, completed_at, created_by)
 VALUES ($1::UUID, $2::UUID, $3, $4::JSON, $5, NULL, $6::TIMESTAMP, NULL, $7)
 RETURNING ${EXECUTION_COLUMNS}`,
    params: [
      id,
      input.orchestrator_id,
      input.execution_type,
      input.input_data === undefined ? null : JSON.stringify(input.input_data),
      input.status ?? 'pending',
      utcTimestampText(input.started_at ?? new Date()),
      input.created_by,
    ],
  };
}

/** Only the fields present in `update` change; `completed_at: null` clears it (a resumed run). Null: nothing to change. */
export function updateExecutionStatement(id: string, update: ExecutionUpdate): Statement | null {
  const assignments: string[] = [];
  const params: SqlValue[] = [id];
  if (update.status !== undefined) {
    params.push(update.status);
    assignments.push(`status = $${params.length}`);
  }
  if (update.execution_summary !== undefined) {
    params.push(JSON.stringify(update.execution_summary));
    assignments.push(`execution_summary = $${params.length}::JSON`);
  }
  if (update.completed_at !== undefined) {
    params.push(update.completed_at === null ? null : utcTimestampText(update.completed_at));
    assignments.push(`completed_at = $${params.length}::TIMESTAMP`);
  }
  if (assignments.length === 0) return null;
  return { sql: `UPDATE orchestrator_executions SET ${assignments.join(', ')} WHERE id = $1::UUID`, params };
}

export function toConfigRecord(row: JsonRow): OrchestratorConfigRecord {
  const parameters = parsedJson(row, 'parameters');
  const tags = parsedJson(row, 'tags');
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    orchestrator_type: text(row, 'orchestrator_type'),
    parameters: isObject(parameters) ? parameters : {},
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    status: text(row, 'status'),
    created_by: text(row, 'created_by'),
    config_file: textOrNull(row, 'config_file'),
    created_at: utcTextToIso(text(row, 'created_at')),
    updated_at: utcTextToIso(text(row, 'updated_at')),
  };
}

export function toExecutionRecord(row: JsonRow): ExecutionRecord {
  const completed = textOrNull(row, 'completed_at');
  return {
    id: text(row, 'id'),
    orchestrator_id: text(row, 'orchestrator_id'),
    execution_type: text(row, 'execution_type'),
    input_data: parsedJson(row, 'input_data'),
    prompt_count: integer(row, 'prompt_count'),
    status: text(row, 'status'),
    execution_summary: parsedJson(row, 'execution_summary'),
    started_at: utcTextToIso(text(row, 'started_at')),
    completed_at: completed === null ? null : utcTextToIso(completed),
    created_by: text(row, 'created_by'),
  };
}

export function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function countOf(rows: readonly JsonRow[]): number {
  return rows.length === 0 ? 0 : integer(rows[0], 'count');
}
