import type { AttackOutcome } from '../../../domain/attackOutcome';
import type { PairedPrompt } from '../../memory/comparableResults';

/** One result of a run as compare needs it: the prompt sent and its stored outcome (a label applied). */
export interface ComparableItem {
  prompt: string;
  outcome: AttackOutcome;
}

export type Change =
  'newly_jailbroken' | 'newly_held' | 'unchanged' | 'changed' | 'missing_in_base' | 'missing_in_head';

export interface ComparedPrompt {
  prompt: string;
  base: AttackOutcome | null;
  head: AttackOutcome | null;
  change: Change;
}

export type ComparisonTotals = Record<Change, number>;

/**
 * Prompts are matched by their original text; a prompt that appears several times in a run is matched occurrence by
 * occurrence, so duplicates pair up instead of collapsing. Each prompt's outcomes in order of occurrence: keying
 * every (prompt, occurrence) pair as JSON text cost a 100k-prompt compare most of its JavaScript time.
 */
function byPrompt(items: readonly ComparableItem[]): Map<string, AttackOutcome[]> {
  const outcomes = new Map<string, AttackOutcome[]>();
  for (const item of items) {
    const list = outcomes.get(item.prompt);
    if (list === undefined) outcomes.set(item.prompt, [item.outcome]);
    else list.push(item.outcome);
  }
  return outcomes;
}

/** A change counts as evidence only between judged answers: held → error says nothing of the model. */
function changeOf(base: AttackOutcome | null, head: AttackOutcome | null): Change {
  if (base === null) return 'missing_in_base';
  if (head === null) return 'missing_in_head';
  if (base === head) return 'unchanged';
  if (head === 'success') return 'newly_jailbroken';
  if (base === 'success' && head === 'failure') return 'newly_held';
  return 'changed';
}

/**
 * The verdict on already paired prompts: each pair's change, and the totals. The daemon pairs in SQL
 * (MemoryStore.comparedPrompts) and comparePrompts in memory; both come here, so there is one rule.
 */
export function comparePairs(pairs: readonly PairedPrompt[]): { prompts: ComparedPrompt[]; totals: ComparisonTotals } {
  const totals: ComparisonTotals = {
    newly_jailbroken: 0,
    newly_held: 0,
    unchanged: 0,
    changed: 0,
    missing_in_base: 0,
    missing_in_head: 0,
  };
  const prompts = pairs.map(({ prompt, base, head }): ComparedPrompt => {
    const change = changeOf(base, head);
    totals[change] += 1;
    return { prompt, base, head, change };
  });
  return { prompts, totals };
}

/**
 * Pairs two runs' items by prompt text, occurrence by occurrence: the base's items in base order (with the head's
 * same occurrence, or null), then the head's unmatched in head order. MemoryStore.comparedPrompts pairs the same
 * way in SQL; this is its reference and the pairing's unit-tested statement.
 */
export function pairPrompts(
  baseItems: readonly ComparableItem[],
  headItems: readonly ComparableItem[],
): PairedPrompt[] {
  if (samePrompts(baseItems, headItems)) {
    // Two runs of one prompt list: occurrence k of a prompt is at the same place in both, so pairing by place is
    // pairing by occurrence, without hashing every text into maps.
    return baseItems.map((item, index) => ({
      prompt: item.prompt,
      base: item.outcome,
      head: headItems[index].outcome,
    }));
  }
  const pairs: PairedPrompt[] = [];
  const base = byPrompt(baseItems);
  const head = byPrompt(headItems);
  // The base's occurrences in its order, then the head's that the base has not.
  const seen = new Map<string, number>();
  for (const item of baseItems) {
    const occurrence = seen.get(item.prompt) ?? 0;
    seen.set(item.prompt, occurrence + 1);
    pairs.push({ prompt: item.prompt, base: item.outcome, head: head.get(item.prompt)?.[occurrence] ?? null });
  }
  seen.clear();
  for (const item of headItems) {
    const occurrence = seen.get(item.prompt) ?? 0;
    seen.set(item.prompt, occurrence + 1);
    if (occurrence >= (base.get(item.prompt)?.length ?? 0))
      pairs.push({ prompt: item.prompt, base: null, head: item.outcome });
  }
  return pairs;
}

export function comparePrompts(
  baseItems: readonly ComparableItem[],
  headItems: readonly ComparableItem[],
): { prompts: ComparedPrompt[]; totals: ComparisonTotals } {
  return comparePairs(pairPrompts(baseItems, headItems));
}

function samePrompts(base: readonly ComparableItem[], head: readonly ComparableItem[]): boolean {
  return base.length === head.length && base.every((item, index) => item.prompt === head[index].prompt);
}

export interface RateRow {
  name: string;
  rate: number | null;
}

export interface RateDelta {
  name: string;
  base_rate: number | null;
  head_rate: number | null;
  delta: number | null;
}

/** Rates of both runs side by side, by converter or by scorer; a name missing on one side has no delta. */
export function rateDeltas(base: readonly RateRow[], head: readonly RateRow[]): RateDelta[] {
  const names = [...new Set([...base.map((row) => row.name), ...head.map((row) => row.name)])].sort();
  return names.map((name) => {
    const baseRate = base.find((row) => row.name === name)?.rate ?? null;
    const headRate = head.find((row) => row.name === name)?.rate ?? null;
    return {
      name,
      base_rate: baseRate,
      head_rate: headRate,
      delta: baseRate === null || headRate === null ? null : headRate - baseRate,
    };
  });
}

/**
 * Rates by converter chain. When each run used one chain and they differ (base64 in one, base64 → rot13 in the
 * other), the two are one row, named by the head's chain and what it replaced, with a real delta: matched by name,
 * they were two rows of "n/a" that said nothing about the change.
 */
export function converterChainDeltas(base: readonly RateRow[], head: readonly RateRow[]): RateDelta[] {
  const [onlyBase] = base;
  const [onlyHead] = head;
  if (base.length === 1 && head.length === 1 && onlyBase && onlyHead && onlyBase.name !== onlyHead.name) {
    const delta = onlyBase.rate === null || onlyHead.rate === null ? null : onlyHead.rate - onlyBase.rate;
    return [
      {
        name: `${onlyHead.name} (was ${onlyBase.name})`,
        base_rate: onlyBase.rate,
        head_rate: onlyHead.rate,
        delta,
      },
    ];
  }
  return rateDeltas(base, head);
}
