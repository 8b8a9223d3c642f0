import type { ResultItem } from '../../client/executionResults';
import { oneLine } from './oneLine';
import { labelText, outcomeText } from './outcomeText';

function responseText(item: ResultItem): string {
  if (!item.response) return '(no response)';
  const { response_error: error, converted_value: value } = item.response;
  return error === 'none' ? value : `[${error}] ${value}`;
}

/**
 * One result as `vutf results` prints it: its outcome (a label and the automated verdict both visible), what was
 * sent and answered, the scores, why, and the id `vutf label` takes. Every text from the run passes oneLine, so a
 * model's answer cannot reach the terminal as an escape sequence.
 */
export function resultLines(item: ResultItem): string {
  const scores = item.scores.map((score) => `${oneLine(score.scorer)}=${oneLine(score.score_value)}`).join(' ');
  const label = labelText(item);
  const lines = [
    `• [${outcomeText(item)}] ${oneLine(item.request.original_value)}`,
    `    sent:   ${oneLine(item.request.converted_value)}`,
    `    got:    ${oneLine(responseText(item))}`,
    ...(scores ? [`    scores: ${scores}`] : []),
    ...(item.outcome_reason ? [`    reason: ${oneLine(item.outcome_reason, 240)}`] : []),
    ...(label ? [`    label:  ${oneLine(label, 240)}`] : []),
    `    id:     ${oneLine(item.attack_result_id)}`,
  ];
  return `${lines.join('\n')}\n`;
}
