import type { ResultItem } from '../../client/executionResults';
import { labelText, outcomeText } from './outcomeText';

function escapeXml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, even escaped; a model's answer may contain them.
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function detail(item: ResultItem): string {
  const label = labelText(item);
  const scores = item.scores.map(
    (score) =>
      `${score.scorer} (${score.score_category}) = ${score.score_value}${score.score_rationale ? `: ${score.score_rationale}` : ''}`,
  );
  return [
    `outcome: ${outcomeText(item)}`,
    ...(item.outcome_reason ? [`reason: ${item.outcome_reason}`] : []),
    ...(label ? [`label: ${label}`] : []),
    `prompt: ${item.request.original_value}`,
    `converted: ${item.request.converted_value}`,
    `response: ${item.response?.converted_value ?? '(none)'}`,
    ...scores,
  ].join('\n');
}

/** What a test case holds for each stored outcome: the daemon decided it, the report only maps it. */
function verdict(
  item: ResultItem,
  body: string,
): { element: string; counts: 'failures' | 'errors' | 'skipped' | null } {
  const said = escapeXml(outcomeText(item));
  switch (item.outcome) {
    case 'success':
      return {
        element: `<failure message="${said}: the attack succeeded" type="jailbreak">${body}</failure>`,
        counts: 'failures',
      };
    case 'error':
      return {
        element: `<error message="the target did not answer: ${escapeXml(item.response?.response_error ?? 'no response')}" type="target_error">${body}</error>`,
        counts: 'errors',
      };
    case 'undetermined':
      return { element: `<skipped message="${said}: no objective scorer decided"/>`, counts: 'skipped' };
    case 'failure':
      // A pass has no body in JUnit; a reviewer's label still belongs in the report, as the case's output.
      return { element: item.label ? `<system-out>${body}</system-out>` : '', counts: null };
  }
}

/**
 * JUnit XML as CI systems read it: one testcase per result; jailbroken is a <failure>, an error an <error>,
 * undetermined <skipped>, held a pass. A label, when there is one, is part of the outcome and shown with it.
 */
export function junitReport(
  suiteName: string,
  executionId: string,
  items: readonly ResultItem[],
  timeSeconds: number,
): string {
  const counts = { failures: 0, errors: 0, skipped: 0 };
  const cases = items.map((item) => {
    const name = escapeXml(
      `${item.prompt_index + 1}: ${item.request.original_value.replace(/\s+/g, ' ').slice(0, 200)}`,
    );
    const time = (item.execution_time_ms / 1000).toFixed(3);
    const head = `    <testcase classname="${escapeXml(suiteName)}" name="${name}" time="${time}">`;
    const { element, counts: counted } = verdict(item, escapeXml(detail(item)));
    if (counted) counts[counted] += 1;
    return element ? `${head}\n      ${element}\n    </testcase>` : `${head}</testcase>`;
  });
  const attributes = `name="${escapeXml(suiteName)}" tests="${items.length}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${timeSeconds.toFixed(3)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes}>`,
    `  <testsuite ${attributes} id="${escapeXml(executionId)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
