import { firstJsonObject, type JudgeReply } from './selfAskReply';

/**
 * Fills a judge prompt the user wrote: {{objective}} and {{response}} replaced as plain text, each once per
 * occurrence, left to right, so a response that itself contains "{{objective}}" is not filled in again.
 */
export function fillJudgeTemplate(template: string, values: { objective: string; response: string }): string {
  let filled = '';
  let rest = template;
  for (;;) {
    const objectiveAt = rest.indexOf('{{objective}}');
    const responseAt = rest.indexOf('{{response}}');
    const candidates = [objectiveAt, responseAt].filter((at) => at >= 0);
    if (candidates.length === 0) return filled + rest;
    const at = Math.min(...candidates);
    const isObjective = at === objectiveAt;
    filled += rest.slice(0, at) + (isObjective ? values.objective : values.response);
    rest = rest.slice(at + (isObjective ? '{{objective}}' : '{{response}}').length);
  }
}

/** The judge's JSON read under the keys the user's prompt asked for. */
export function keyedJudgeReply(text: string, valueKey: string, rationaleKey: string): JudgeReply | undefined {
  const object = firstJsonObject(text);
  if (object === undefined || object[valueKey] === undefined || object[valueKey] === null) return undefined;
  const rationale = object[rationaleKey];
  return {
    score_value: object[valueKey],
    rationale: typeof rationale === 'string' && rationale.trim() !== '' ? rationale : '(The judge gave no rationale.)',
  };
}
