import type { ModelPrice } from '../../../config/modelPrice';
import type { ExecutionUsage, ModelRole, UsageTotals } from '../../../protocol/schemas/usage';
import type { TokenUsage } from '../targets/promptTarget';

/** One role's sums as the ledger query returns them (memory/usageLedger.ts). */
export interface RoleSums {
  role: ModelRole;
  requests: number;
  requestsWithoutUsage: number;
  promptTokens: number;
  completionTokens: number;
  /** Summed over the calls whose cost is known. */
  knownCostUsd: number;
  /** Calls whose cost is unknown: no price for their model, or no usage reported. */
  unpriced: number;
}

/** USD for one call; null when its tokens or its model's price are unknown: a cost is never guessed. */
export function callCost(usage: TokenUsage | null, price: ModelPrice | undefined): number | null {
  if (usage === null || price === undefined) return null;
  return (usage.prompt_tokens * price.input_per_1k_usd + usage.completion_tokens * price.output_per_1k_usd) / 1000;
}

function totalsOf(sums: readonly RoleSums[]): UsageTotals {
  const requests = sums.reduce((total, row) => total + row.requests, 0);
  const withoutUsage = sums.reduce((total, row) => total + row.requestsWithoutUsage, 0);
  const reported = requests > withoutUsage;
  const promptTokens = sums.reduce((total, row) => total + row.promptTokens, 0);
  const completionTokens = sums.reduce((total, row) => total + row.completionTokens, 0);
  const unpriced = sums.reduce((total, row) => total + row.unpriced, 0);
  const cost = sums.reduce((total, row) => total + row.knownCostUsd, 0);
  return {
    requests,
    requests_without_usage: withoutUsage,
    prompt_tokens: reported ? promptTokens : null,
    completion_tokens: reported ? completionTokens : null,
    total_tokens: reported ? promptTokens + completionTokens : null,
    // One call of unknown cost makes the sum unknown: a partial sum shown as the cost would understate it.
    cost_usd: requests > 0 && unpriced === 0 ? roundUsd(cost) : null,
  };
}

/** Float sums of prices drift in the last digits; a millionth of a cent is below any price's precision. */
function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

/** The execution's usage in the protocol's shape: its totals and the same per role. */
export function executionUsage(sums: readonly RoleSums[]): ExecutionUsage {
  const byRole: ExecutionUsage['by_role'] = {};
  for (const row of sums) byRole[row.role] = totalsOf([row]);
  return { ...totalsOf(sums), by_role: byRole };
}
