import type { Execution } from '../../client/executionStatus';
import type { UsageTotals } from '../../protocol/schemas/usage';

function tokensText(totals: UsageTotals): string {
  if (totals.total_tokens === null) return 'tokens not reported';
  const partial = totals.requests_without_usage > 0 ? ` (${totals.requests_without_usage} calls reported none)` : '';
  return `${totals.total_tokens} tokens (${totals.prompt_tokens ?? 0} in, ${totals.completion_tokens ?? 0} out)${partial}`;
}

/** A cost nobody priced is said to be unknown, never shown as $0. */
function costText(totals: UsageTotals): string {
  return totals.cost_usd === null ? 'cost unknown' : `$${totals.cost_usd.toFixed(4)}`;
}

function totalsText(totals: UsageTotals): string {
  return `${totals.requests} ${totals.requests === 1 ? 'call' : 'calls'} · ${tokensText(totals)} · ${costText(totals)}`;
}

/** The usage and budget lines `vutf status` and `launch --wait` print: totals, then one line per role. */
export function usageLines(execution: Execution): string[] {
  const { usage, budget } = execution;
  const lines: string[] = [];
  if (usage.requests > 0) {
    lines.push(`  usage: ${totalsText(usage)}`);
    for (const [role, totals] of Object.entries(usage.by_role))
      if (totals !== undefined) lines.push(`    ${role}: ${totalsText(totals)}`);
  }
  if (budget !== null) {
    const limits = Object.entries(budget).map(([name, value]) => `${name} ${value}`);
    if (limits.length > 0) lines.push(`  budget: ${limits.join(' · ')}`);
  }
  return lines;
}
