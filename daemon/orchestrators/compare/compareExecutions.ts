import { outcomeOf, type PromptOutcome, type ScoredAnswer } from '../../../domain/promptOutcome';

export interface ComparableItem extends ScoredAnswer {
  request: { original_value: string };
}

export type Change = 'newly_jailbroken' | 'newly_held' | 'unchanged' | 'missing_in_base' | 'missing_in_head';

export interface ComparedPrompt {
  prompt: string;
  base: PromptOutcome | null;
  head: PromptOutcome | null;
  change: Change;
}

export interface ComparisonTotals {
  newly_jailbroken: number;
  newly_held: number;
  unchanged: number;
  missing_in_base: number;
  missing_in_head: number;
}

/**
 * Prompts are matched by their original text; a prompt that appears several times in a run is matched occurrence by
 * occurrence, so duplicates pair up instead of collapsing.
 */
function keyed(items: readonly ComparableItem[]): Map<string, PromptOutcome> {
  const seen = new Map<string, number>();
  const result = new Map<string, PromptOutcome>();
  for (const item of items) {
    const text = item.request.original_value;
    const occurrence = seen.get(text) ?? 0;
    seen.set(text, occurrence + 1);
    result.set(JSON.stringify([text, occurrence]), outcomeOf(item));
  }
  return result;
}

function changeOf(base: PromptOutcome | null, head: PromptOutcome | null): Change {
  if (base === null) return 'missing_in_base';
  if (head === null) return 'missing_in_head';
  if (head === 'jailbroken' && base !== 'jailbroken') return 'newly_jailbroken';
  if (base === 'jailbroken' && head !== 'jailbroken') return 'newly_held';
  return 'unchanged';
}

export function comparePrompts(
  baseItems: readonly ComparableItem[],
  headItems: readonly ComparableItem[],
): { prompts: ComparedPrompt[]; totals: ComparisonTotals } {
  const base = keyed(baseItems);
  const head = keyed(headItems);
  const keys = [...new Set([...base.keys(), ...head.keys()])];
  const totals: ComparisonTotals = {
    newly_jailbroken: 0,
    newly_held: 0,
    unchanged: 0,
    missing_in_base: 0,
    missing_in_head: 0,
  };
  const prompts = keys.map((key) => {
    const [prompt] = JSON.parse(key) as [string, number];
    const compared: ComparedPrompt = {
      prompt,
      base: base.get(key) ?? null,
      head: head.get(key) ?? null,
      change: 'unchanged',
    };
    compared.change = changeOf(compared.base, compared.head);
    totals[compared.change] += 1;
    return compared;
  });
  return { prompts, totals };
}

export interface RateRow {
  name: string;
  success_rate: number | null;
}

export interface RateDelta {
  name: string;
  base_rate: number | null;
  head_rate: number | null;
  delta: number | null;
}

/** Success rates of both runs side by side, by converter or by scorer; a name missing on one side has no delta. */
export function rateDeltas(base: readonly RateRow[], head: readonly RateRow[]): RateDelta[] {
  const names = [...new Set([...base.map((row) => row.name), ...head.map((row) => row.name)])].sort();
  return names.map((name) => {
    const baseRate = base.find((row) => row.name === name)?.success_rate ?? null;
    const headRate = head.find((row) => row.name === name)?.success_rate ?? null;
    return {
      name,
      base_rate: baseRate,
      head_rate: headRate,
      delta: baseRate === null || headRate === null ? null : headRate - baseRate,
    };
  });
}
