import type { DuckDBConnection } from '@duckdb/node-api';
import { integer, text, textOrNull, type JsonRow } from './rowValues';

/**
 * Every model call of an execution, whatever its role, one narrow row each, and the budgets it was given. PyRIT
 * keeps a response's tokens nowhere but the piece (we add `prompt_metadata.usage` there), and a judge's or a
 * converter's call stores no piece at all; so the totals, and a budget that must hold across resume and kill -9,
 * read this ledger. Rows are appended through the group commit writer, so a crash loses at most calls whose rows
 * were not yet committed. Our own tables: PyRIT's stay column for column PyRIT's.
 */
export const USAGE_LEDGER_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS execution_model_calls(execution_id VARCHAR NOT NULL, role VARCHAR NOT NULL,
 model_name VARCHAR, endpoint VARCHAR, prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd DOUBLE,
 called_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS execution_budgets(execution_id VARCHAR NOT NULL, budget JSON NOT NULL,
 set_at TIMESTAMP NOT NULL)`,
];

/** One role's sums over an execution's calls. */
export interface StoredRoleUsage {
  role: string;
  requests: number;
  requestsWithoutUsage: number;
  promptTokens: number;
  completionTokens: number;
  knownCostUsd: number;
  unpriced: number;
}

function numberOf(row: JsonRow, column: string): number {
  const value = row[column];
  return value === null || value === undefined ? 0 : integer(row, column);
}

export async function usageByRole(connection: DuckDBConnection, executionId: string): Promise<StoredRoleUsage[]> {
  const reader = await connection.runAndReadAll(
    `SELECT role, COUNT(*)::INTEGER AS requests,
       COUNT(*) FILTER (WHERE prompt_tokens IS NULL)::INTEGER AS without_usage,
       COALESCE(SUM(prompt_tokens), 0)::BIGINT::VARCHAR AS prompt_tokens,
       COALESCE(SUM(completion_tokens), 0)::BIGINT::VARCHAR AS completion_tokens,
       COALESCE(SUM(cost_usd), 0)::DOUBLE AS known_cost_usd,
       COUNT(*) FILTER (WHERE cost_usd IS NULL)::INTEGER AS unpriced
     FROM execution_model_calls WHERE execution_id = $1 GROUP BY role ORDER BY role`,
    [executionId],
  );
  return reader.getRowObjectsJson().map((row) => ({
    role: text(row, 'role'),
    requests: numberOf(row, 'requests'),
    requestsWithoutUsage: numberOf(row, 'without_usage'),
    promptTokens: numberOf(row, 'prompt_tokens'),
    completionTokens: numberOf(row, 'completion_tokens'),
    knownCostUsd: numberOf(row, 'known_cost_usd'),
    unpriced: numberOf(row, 'unpriced'),
  }));
}

/** The JSON text of the budget in force (the latest given), or null when the execution was never given one. */
export async function latestBudget(connection: DuckDBConnection, executionId: string): Promise<string | null> {
  const reader = await connection.runAndReadAll(
    `SELECT budget::VARCHAR AS budget FROM execution_budgets WHERE execution_id = $1
     ORDER BY set_at DESC LIMIT 1`,
    [executionId],
  );
  const [row] = reader.getRowObjectsJson();
  return row === undefined ? null : textOrNull(row, 'budget');
}
