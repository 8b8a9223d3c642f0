import type { ReportModel } from './reportModel';

export type { ReportModel } from './reportModel';

/** Characters of one prompt, answer or rationale shown in a report; the whole text stays in memory and exports. */
export const TEXT_LIMIT = 8_000;

/** "prompt" or "objective": what one result of this run is (red_teaming pursues objectives). */
export function runUnit(model: ReportModel): string {
  return model.orchestratorType === 'red_teaming' ? 'objective' : 'prompt';
}

function shown(value: number | null, format: (value: number) => string): string {
  return value === null ? 'not recorded' : format(value);
}

/** The cost lines both formats show; an unknown figure says "not recorded", never 0. */
export function costLines(model: ReportModel): [string, string][] {
  return [
    ['cost (USD)', shown(model.cost.cost_usd, (value) => `$${value.toFixed(4)}`)],
    ['prompt tokens', shown(model.cost.prompt_tokens, String)],
    ['completion tokens', shown(model.cost.completion_tokens, String)],
  ];
}
