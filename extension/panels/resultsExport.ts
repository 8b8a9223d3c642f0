import type { ResultOf } from '../../protocol/methods';
import { neutraliseFormula } from '../../domain/csvFormula';

export type ResultItem = ResultOf<'results/list'>['items'][number];

const CSV_COLUMNS = [
  'attack_result_id',
  'prompt_index',
  'conversation_id',
  'outcome',
  'automated_outcome',
  'outcome_reason',
  'label',
  'label_note',
  'execution_time_ms',
  'original_prompt',
  'converted_prompt',
  'converters',
  'response',
  'response_error',
  'scores',
] as const;

/**
 * RFC 4180: quote every field so commas, quotes and newlines in prompts survive a spreadsheet round trip; and a
 * cell a spreadsheet would run as a formula (a model's `=HYPERLINK(…)`) starts with `'` instead.
 */
function csvField(value: string): string {
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

function scoreText(item: ResultItem): string {
  return item.scores.map((s) => `${s.scorer}:${s.score_category}=${s.score_value}`).join('; ');
}

export function toCsv(items: readonly ResultItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of items) {
    lines.push(
      [
        item.attack_result_id,
        String(item.prompt_index),
        item.conversation_id,
        item.outcome,
        item.automated_outcome,
        item.outcome_reason ?? '',
        item.label?.outcome ?? '',
        item.label?.note ?? '',
        String(item.execution_time_ms),
        item.request.original_value,
        item.request.converted_value,
        item.request.converters.join(' → '),
        item.response?.converted_value ?? '',
        item.response?.response_error ?? '',
        scoreText(item),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One result per line, exactly as results/list returns it, for jq and pandas. */
export function toJsonLines(items: readonly ResultItem[]): string {
  return items.map((item) => JSON.stringify(item)).join('\n') + (items.length ? '\n' : '');
}
