import type { ReportModel } from './reportModel';

export type { ReportModel } from './reportModel';

/** Characters of one prompt, answer or rationale shown in a report; the whole text stays in memory and exports. */
export const TEXT_LIMIT = 8_000;

/** "prompt" or "objective": what one result of this run is (red_teaming pursues objectives). */
export function runUnit(model: ReportModel): string {
  return model.orchestratorType === 'red_teaming' ? 'objective' : 'prompt';
}

type Totals = ReportModel['cost'];

function shown(value: number | null, unknown: string, format: (value: number) => string): string {
  return value === null ? unknown : format(value);
}

/** "$0.0123"; "not recorded" with no call recorded; "unknown" when a call had no known price or reported no usage. */
function costText(totals: Pick<Totals, 'requests' | 'cost_usd'>): string {
  if (totals.requests === 0) return 'not recorded';
  return shown(totals.cost_usd, 'unknown', (value) => `$${value.toFixed(4)}`);
}

/**
 * The cost lines both formats show, then one per role that made calls; an unknown figure says "not recorded" or
 * "unknown", never 0.
 */
export function costLines(model: ReportModel): [string, string][] {
  const { cost } = model;
  const notRecorded = cost.requests === 0 ? 'not recorded' : 'not reported';
  const lines: [string, string][] = [
    ['cost (USD)', costText(cost)],
    ['prompt tokens', shown(cost.prompt_tokens, notRecorded, String)],
    ['completion tokens', shown(cost.completion_tokens, notRecorded, String)],
  ];
  if (cost.requests > 0) lines.push(['model calls', String(cost.requests)]);
  for (const [role, totals] of Object.entries(cost.by_role)) {
    if (totals === undefined) continue;
    const tokens = totals.total_tokens === null ? 'tokens not reported' : `${totals.total_tokens} tokens`;
    lines.push([role, `${totals.requests} calls · ${tokens} · ${costText(totals)}`]);
  }
  return lines;
}
