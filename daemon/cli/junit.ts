import { outcomeOf } from '../../domain/promptOutcome';
import type { ResultItem } from '../../client/executionResults';

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
  const scores = item.scores.map(
    (score) =>
      `${score.scorer} (${score.score_category}) = ${score.score_value}${score.score_rationale ? `: ${score.score_rationale}` : ''}`,
  );
  return [
    `prompt: ${item.request.original_value}`,
    `converted: ${item.request.converted_value}`,
    `response: ${item.response?.converted_value ?? '(none)'}`,
    ...scores,
  ].join('\n');
}

/**
 * JUnit XML as CI systems read it: one testcase per prompt; a successful attack is a <failure>, a target error an
 * <error>, an unscored prompt <skipped>, a prompt the target held passes.
 */
export function junitReport(
  suiteName: string,
  executionId: string,
  items: readonly ResultItem[],
  timeSeconds: number,
): string {
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const cases = items.map((item, index) => {
    const name = escapeXml(`${index + 1}: ${item.request.original_value.replace(/\s+/g, ' ').slice(0, 200)}`);
    const head = `    <testcase classname="${escapeXml(suiteName)}" name="${name}">`;
    const body = escapeXml(detail(item));
    switch (outcomeOf(item)) {
      case 'jailbroken':
        failures += 1;
        return `${head}\n      <failure message="the attack succeeded" type="jailbreak">${body}</failure>\n    </testcase>`;
      case 'error':
        errors += 1;
        return `${head}\n      <error message="the target failed: ${escapeXml(item.response?.response_error ?? 'no response')}" type="target_error">${body}</error>\n    </testcase>`;
      case 'unscored':
        skipped += 1;
        return `${head}\n      <skipped message="no scorer judged this response"/>\n    </testcase>`;
      case 'held':
        return `${head}</testcase>`;
    }
  });
  const attributes = `name="${escapeXml(suiteName)}" tests="${items.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${timeSeconds.toFixed(3)}"`;
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
