import type { AttackOutcome } from './attackOutcome';

/** How many prompts (or objectives) ended in each outcome. */
export type OutcomeCounts = Record<AttackOutcome, number>;

/**
 * The figures of a run (or of one converter's share of it), each defined once here and documented in
 * docs/results.md. Rates are null when their denominator is 0, never a made-up 0.
 */
export interface RunFigures {
  outcomes: OutcomeCounts;
  /** Prompts (or objectives) with a stored attack result. */
  judged_total: number;
  /** success / (success + failure): of the answers a scorer could judge, the share that was jailbroken. */
  attack_success_rate: number | null;
  /** error / total. */
  error_rate: number | null;
  /** (total − error) / total: the share the target answered. */
  response_rate: number | null;
}

export function emptyOutcomes(): OutcomeCounts {
  return { success: 0, failure: 0, error: 0, undetermined: 0 };
}

export function figuresOf(outcomes: OutcomeCounts): RunFigures {
  const total = outcomes.success + outcomes.failure + outcomes.error + outcomes.undetermined;
  const judged = outcomes.success + outcomes.failure;
  return {
    outcomes: { ...outcomes },
    judged_total: total,
    attack_success_rate: judged === 0 ? null : outcomes.success / judged,
    error_rate: total === 0 ? null : outcomes.error / total,
    response_rate: total === 0 ? null : (total - outcomes.error) / total,
  };
}

export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The line toasts, the tree, the CLI and panel headers lead with:
 * "3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts". `planned` is the run's size when known (a running or
 * stopped run has judged fewer than it will send); `unit` is "prompt" or "objective".
 */
export function outcomeHeadline(outcomes: OutcomeCounts, options: { planned?: number; unit?: string } = {}): string {
  const figures = figuresOf(outcomes);
  const judged = outcomes.success + outcomes.failure;
  const unit = options.unit ?? 'prompt';
  const parts = [
    judged === 0
      ? 'none judged'
      : `${outcomes.success} of ${judged} judged jailbroken (${formatRate(figures.attack_success_rate)})`,
  ];
  if (outcomes.error > 0) parts.push(plural(outcomes.error, 'error'));
  if (outcomes.undetermined > 0) parts.push(`${outcomes.undetermined} undetermined`);
  const total = figures.judged_total;
  const planned = options.planned ?? total;
  parts.push(planned > total ? `${total} of ${plural(planned, unit)}` : plural(total, unit));
  return parts.join(' · ');
}
