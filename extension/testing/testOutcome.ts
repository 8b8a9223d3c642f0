import type { ResultOf } from '../../protocol/methods';
import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import { testMessageText } from './testOutput';

export type ResultItem = ResultOf<'results/list'>['items'][number];
export type ResultScore = ResultItem['scores'][number];

/** What a prompt's stored result means as a test: an attack that worked fails the test; a target that held passes. */
export type OutcomeKind = 'passed' | 'failed' | 'errored' | 'skipped';

export interface Outcome {
  kind: OutcomeKind;
  /** For failed/errored/skipped: what the Testing view shows (verdict, prompt, converted prompt, response, scores). */
  message?: string;
}

function describeScore(score: ResultScore): string {
  const rationale = score.score_rationale ? ` — ${score.score_rationale}` : '';
  const deciding = score.objective ? '' : ', not deciding';
  return `${score.scorer} (${score.score_category}, ${score.score_type}${deciding}) = ${score.score_value}${rationale}`;
}

/** The stored verdict in words: the outcome, whose it is (a reviewer's label or the scorers'), and why. */
export function describeVerdict(item: ResultItem): string {
  const why = item.outcome_reason ? ` — ${item.outcome_reason}` : '';
  if (!item.label) return `Outcome: ${OUTCOME_LABELS[item.outcome]}${why}`;
  const note = item.label.note ? ` ("${item.label.note}")` : '';
  return `Outcome: ${OUTCOME_LABELS[item.outcome]}, labelled by ${item.label.reviewer}${note}\nAutomated: ${OUTCOME_LABELS[item.automated_outcome]}${why}`;
}

/** The message text: verdict, prompt, converted prompt, response and each score with its rationale. */
export function describeResult(item: ResultItem): string {
  const lines = [describeVerdict(item), `Prompt: ${item.request.original_value}`];
  if (item.request.converted_value !== item.request.original_value || item.request.converters.length > 0) {
    const chain = item.request.converters.length > 0 ? ` (${item.request.converters.join(' → ')})` : '';
    lines.push(`Converted prompt${chain}: ${item.request.converted_value}`);
  }
  if (item.response) {
    lines.push(`Response: ${item.response.converted_value}`);
    if (item.response.response_error !== 'none') lines.push(`Response error: ${item.response.response_error}`);
  } else {
    lines.push('Response: (none stored)');
  }
  for (const score of item.scores) lines.push(`Score: ${describeScore(score)}`);
  return lines.join('\n');
}

/**
 * One prompt's test outcome: the outcome the daemon stored for it (a reviewer's label already applied), never
 * decided again here. Jailbroken fails the test, held passes, error errors, undetermined is skipped with its reason.
 */
export function outcomeOf(item: ResultItem): Outcome {
  // The message quotes the model: shown in the Test Results view, so no control character of it may stay.
  const message = () => testMessageText(describeResult(item));
  switch (item.outcome) {
    case 'success':
      return { kind: 'failed', message: message() };
    case 'failure':
      return { kind: 'passed' };
    case 'error':
      return { kind: 'errored', message: message() };
    case 'undetermined':
      return { kind: 'skipped', message: message() };
  }
}

/**
 * Matches result items to prompt values, in input order, so a prompt listed twice gets its two results. When the
 * prompts sent are known, an item is the prompt at its `prompt_index` (a red_teaming row shows the turn that decided
 * its objective, not the objective); otherwise its original value is the prompt. `take` hands them out one at a time.
 */
export class ResultMatcher {
  private readonly byValue = new Map<string, ResultItem[]>();

  constructor(items: readonly ResultItem[], sent?: readonly string[]) {
    for (const item of [...items].sort((a, b) => a.prompt_index - b.prompt_index)) {
      const value = sent ? sent[item.prompt_index] : item.request.original_value;
      if (value === undefined) continue;
      const queue = this.byValue.get(value);
      if (queue) queue.push(item);
      else this.byValue.set(value, [item]);
    }
  }

  take(value: string): ResultItem | undefined {
    return this.byValue.get(value)?.shift();
  }
}

/** Test ids of a suite's prompts: the value itself, with an occurrence suffix for repeats (stable across edits). */
export function promptIds(values: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return values.map((value) => {
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    return count === 1 ? value : `${value}#${count}`;
  });
}

/** A one-line label for a prompt in the Testing view. */
export function promptLabel(value: string, max = 80): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line || '(empty prompt)';
}
