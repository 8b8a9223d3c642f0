import {
  CONFIG_COLUMNS,
  countOf,
  EXECUTION_COLUMNS,
  EXECUTION_LIST_COLUMNS,
  toConfigRecord,
  toExecutionRecord,
  type ExecutionRecord,
  type ExecutionStatus,
  type OrchestratorConfigRecord,
} from './orchestratorRecords';
import type { SqlReader } from './sqlSession';

export interface ExecutionFilter {
  orchestrator_id?: string;
  status?: ExecutionStatus;
  limit?: number;
  offset?: number;
}

export interface OrchestratorFilter {
  orchestrator_type?: string;
  status?: string;
}

export const MAX_PAGE_SIZE = 500;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names nothing here; answering "not found" beats a DuckDB cast error. */
export function isUuid(id: string): boolean {
  return UUID_PATTERN.test(id);
}

export function clampLimit(limit: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(limit)));
}

export async function orchestratorById(reader: SqlReader, id: string): Promise<OrchestratorConfigRecord | null> {
  if (!isUuid(id)) return null;
  const rows = await reader.query(`SELECT ${CONFIG_COLUMNS} FROM orchestrator_configurations WHERE id = $1::UUID`, [
    id,
  ]);
  return rows.length === 0 ? null : toConfigRecord(rows[0]);
}

export async function orchestratorList(
  reader: SqlReader,
  filter: OrchestratorFilter,
): Promise<OrchestratorConfigRecord[]> {
  const rows = await reader.query(
    `SELECT ${CONFIG_COLUMNS} FROM orchestrator_configurations
     WHERE ($1::VARCHAR IS NULL OR orchestrator_type = $1) AND ($2::VARCHAR IS NULL OR status = $2)
     ORDER BY created_at DESC, id`,
    [filter.orchestrator_type ?? null, filter.status ?? null],
  );
  return rows.map(toConfigRecord);
}

/** `withInput: false` leaves input_data (every prompt of the run) unread when only the status is wanted. */
export async function executionById(
  reader: SqlReader,
  id: string,
  withInput: boolean,
): Promise<ExecutionRecord | null> {
  if (!isUuid(id)) return null;
  const columns = withInput ? EXECUTION_COLUMNS : EXECUTION_LIST_COLUMNS;
  const rows = await reader.query(`SELECT ${columns} FROM orchestrator_executions WHERE id = $1::UUID`, [id]);
  return rows.length === 0 ? null : toExecutionRecord(rows[0]);
}

export async function executionList(
  reader: SqlReader,
  filter: ExecutionFilter,
): Promise<{ items: ExecutionRecord[]; total: number }> {
  if (filter.orchestrator_id !== undefined && !isUuid(filter.orchestrator_id)) return { items: [], total: 0 };
  const where = `WHERE ($1::UUID IS NULL OR orchestrator_id = $1::UUID) AND ($2::VARCHAR IS NULL OR status = $2)`;
  const params = [filter.orchestrator_id ?? null, filter.status ?? null];
  const total = countOf(
    await reader.query(`SELECT count(*)::INTEGER AS count FROM orchestrator_executions ${where}`, params),
  );
  const rows = await reader.query(
    `SELECT ${EXECUTION_LIST_COLUMNS} FROM orchestrator_executions ${where}
     ORDER BY started_at DESC, id LIMIT $3::INTEGER OFFSET $4::INTEGER`,
    [...params, clampLimit(filter.limit ?? 100), Math.max(0, filter.offset ?? 0)],
  );
  return { items: rows.map(toExecutionRecord), total };
}
