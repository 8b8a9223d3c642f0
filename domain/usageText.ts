/** One group of model calls as executions/get reports it (protocol/schemas/usage.ts UsageTotals). */
export interface UsageFigures {
  readonly requests: number;
  readonly requests_without_usage: number;
  readonly prompt_tokens: number | null;
  readonly completion_tokens: number | null;
  readonly total_tokens: number | null;
  readonly cost_usd: number | null;
}

function tokensText(totals: UsageFigures): string {
  if (totals.total_tokens === null) return 'tokens not reported';
  const silent = totals.requests_without_usage;
  const partial = silent > 0 ? ` (${silent} ${silent === 1 ? 'call' : 'calls'} reported none)` : '';
  return `${totals.total_tokens} tokens (${totals.prompt_tokens ?? 0} in, ${totals.completion_tokens ?? 0} out)${partial}`;
}

/** A cost nobody priced is said to be unknown, never shown as $0. */
export function costText(totals: Pick<UsageFigures, 'cost_usd'>): string {
  return totals.cost_usd === null ? 'cost unknown' : `$${totals.cost_usd.toFixed(4)}`;
}

/** "8 calls · 154 tokens (130 in, 24 out) · $0.0440": what the CLI, the tree and the results panel say of usage. */
export function usageText(totals: UsageFigures): string {
  return `${totals.requests} ${totals.requests === 1 ? 'call' : 'calls'} · ${tokensText(totals)} · ${costText(totals)}`;
}

/** "max_requests 10 · max_cost_usd 2": a budget's limits, in the protocol's names. */
export function budgetText(budget: Readonly<Record<string, number | undefined>>): string {
  return Object.entries(budget)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .map(([name, value]) => `${name} ${value}`)
    .join(' · ');
}
