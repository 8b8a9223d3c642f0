import { integer, text, textOrNull, type JsonRow } from './rowValues';
import type { SqlReader } from './sqlSession';

/**
 * Every model call of an execution, whatever its role, one narrow row each, and the budgets it was given. PyRIT
 * keeps a response's tokens nowhere but the piece (we add `prompt_metadata.usage` there), and a judge's or a
 * converter's call stores no piece at all; so the totals, and a budget that must hold across resume and kill -9,
 * read this ledger. Rows are appended through the group commit writer, so a crash loses at most calls whose rows
 * were not yet committed. Our own tables: PyRIT's stay column for column PyRIT's.
 */
export const USAGE_LEDGER_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS execution_model_calls(execution_id VARCHAR NOT NULL, role VARCHAR NOT NULL,
 model_name VARCHAR, endpoint VARCHAR, prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd DOUBLE PRECISION,
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

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
}

/** Each execution's sums per role, in one read for a whole list of executions (executions/list, results/trend). */
export async function usageByExecution(
  connection: SqlReader,
  executionIds: readonly string[],
): Promise<Map<string, StoredRoleUsage[]>> {
  const usage = new Map<string, StoredRoleUsage[]>(executionIds.map((id) => [id, []]));
  if (executionIds.length === 0) return usage;
  const rows = await connection.query(
    `SELECT execution_id, role, COUNT(*)::INTEGER AS requests,
       COUNT(*) FILTER (WHERE prompt_tokens IS NULL)::INTEGER AS without_usage,
       COALESCE(SUM(prompt_tokens), 0)::BIGINT::VARCHAR AS prompt_tokens,
       COALESCE(SUM(completion_tokens), 0)::BIGINT::VARCHAR AS completion_tokens,
       COALESCE(SUM(cost_usd), 0)::DOUBLE PRECISION AS known_cost_usd,
       COUNT(*) FILTER (WHERE cost_usd IS NULL)::INTEGER AS unpriced
     FROM execution_model_calls WHERE execution_id IN (${placeholders(executionIds.length)})
     GROUP BY execution_id, role ORDER BY execution_id, role`,
    [...executionIds],
  );
  for (const row of rows) {
    usage.get(text(row, 'execution_id'))?.push({
      role: text(row, 'role'),
      requests: numberOf(row, 'requests'),
      requestsWithoutUsage: numberOf(row, 'without_usage'),
      promptTokens: numberOf(row, 'prompt_tokens'),
      completionTokens: numberOf(row, 'completion_tokens'),
      knownCostUsd: numberOf(row, 'known_cost_usd'),
      unpriced: numberOf(row, 'unpriced'),
    });
  }
  return usage;
}

/** The JSON text of each execution's budget in force (the latest given); absent for one never given a budget. */
export async function latestBudgets(
  connection: SqlReader,
  executionIds: readonly string[],
): Promise<Map<string, string>> {
  const budgets = new Map<string, string>();
  if (executionIds.length === 0) return budgets;
  const rows = await connection.query(
    // ROW_NUMBER rather than DuckDB's arg_max: the same text runs on PostgreSQL.
    `SELECT execution_id, budget FROM (
       SELECT execution_id, budget::VARCHAR AS budget,
         ROW_NUMBER() OVER (PARTITION BY execution_id ORDER BY set_at DESC) AS rank
       FROM execution_budgets WHERE execution_id IN (${placeholders(executionIds.length)})) latest
     WHERE rank = 1`,
    [...executionIds],
  );
  for (const row of rows) {
    const budget = textOrNull(row, 'budget');
    if (budget !== null) budgets.set(text(row, 'execution_id'), budget);
  }
  return budgets;
}
