import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultItem } from '../../client/executionResults';
import type { AttackOutcome } from '../../domain/attackOutcome';
import { junitReport } from '../../daemon/cli/junit';
import { outcomeText } from '../../daemon/cli/outcomeText';
import { resultLines } from '../../daemon/cli/resultLines';

function item(index: number, outcome: AttackOutcome, extra: Partial<ResultItem> = {}): ResultItem {
  return {
    attack_result_id: `ar-${index}`,
    prompt_index: index,
    conversation_id: `c-${index}`,
    outcome,
    automated_outcome: outcome,
    outcome_reason: `reason ${index}`,
    label: null,
    executed_turns: 1,
    execution_time_ms: 1500,
    superseded_conversation_ids: [],
    request: { original_value: `ask ${index}`, converted_value: `ask ${index}`, converters: [] },
    response:
      outcome === 'error'
        ? { converted_value: 'HTTP 500', response_error: 'processing' }
        : { converted_value: `answer ${index}`, response_error: 'none' },
    scores:
      outcome === 'error' || outcome === 'undetermined'
        ? []
        : [
            {
              id: `s-${index}`,
              score_value: outcome === 'success' ? 'True' : 'False',
              score_type: 'true_false',
              score_category: 'jailbreak',
              score_rationale: null,
              scorer: 'SubStringScorer',
              true_means: 'success',
              objective: true,
              threshold: null,
            },
          ],
    ...extra,
  };
}

const LABEL = {
  outcome: 'failure' as const,
  note: 'a false positive: <it quotes the prompt> & refuses',
  reviewer: 'alice',
  labelled_at: '2025-01-01T00:00:00Z',
  score_id: 'h-1',
};

describe('JUnit report from stored outcomes (unit)', () => {
  const items = [
    item(0, 'success'),
    item(1, 'failure'),
    item(2, 'error'),
    item(3, 'undetermined'),
    // The scorer said jailbroken; a reviewer said held, which wins.
    item(4, 'failure', { automated_outcome: 'success', label: LABEL }),
  ];
  const xml = junitReport('gate', 'exec-1', items, 2.5);
  const testcase = (index: number) =>
    new RegExp(
      `<testcase classname="gate" name="${index + 1}: ask ${index}" time="1\\.500">(.*?)</testcase>`,
      's',
    ).exec(xml)?.[1];

  it('counts one test case per result, each outcome as CI systems read it', () => {
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.match(
      xml,
      /<testsuite name="gate" tests="5" failures="1" errors="1" skipped="1" time="2\.500" id="exec-1">/,
    );
    assert.equal(xml.match(/<testcase /g)?.length, 5);
  });

  it('jailbroken is a failure, error an error, undetermined skipped, held a pass', () => {
    assert.match(
      testcase(0) ?? '',
      /<failure message="jailbroken: the attack succeeded" type="jailbreak">outcome: jailbroken\nreason: reason 0\nprompt: ask 0/,
    );
    assert.equal(testcase(1), '', 'a pass is an empty test case');
    assert.match(testcase(2) ?? '', /<error message="the target did not answer: processing" type="target_error">/);
    assert.match(testcase(3) ?? '', /<skipped message="undetermined: no objective scorer decided"\/>/);
  });

  it("shows a reviewer's label beside the scorer's verdict, escaped", () => {
    const labelled = testcase(4) ?? '';
    assert.match(labelled, /^\s*<system-out>outcome: held \(labelled; automated: jailbroken\)/);
    assert.match(
      labelled,
      /label: held by alice at 2025-01-01T00:00:00Z: a false positive: &lt;it quotes the prompt&gt; &amp; refuses/,
    );
    const flipped = junitReport(
      'gate',
      'exec-1',
      [item(5, 'success', { automated_outcome: 'failure', label: { ...LABEL, outcome: 'success' } })],
      0,
    );
    assert.match(flipped, /<failure message="jailbroken \(labelled; automated: held\): the attack succeeded"/);
  });

  it('keeps control characters a model answered out of the XML', () => {
    const hostile = junitReport(
      'gate',
      'e',
      [item(0, 'success', { response: { converted_value: 'a\u0000\u001b[2Jb', response_error: 'none' } })],
      0,
    );
    // eslint-disable-next-line no-control-regex -- what must not be there
    assert.doesNotMatch(hostile, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});

describe('a result as `vutf results` prints it (unit)', () => {
  it('leads with the outcome, label and automated verdict both visible, then the reason and the id', () => {
    const text = resultLines(item(4, 'failure', { automated_outcome: 'success', label: LABEL }));
    assert.equal(
      text,
      [
        '• [held (labelled; automated: jailbroken)] ask 4',
        '    sent:   ask 4',
        '    got:    answer 4',
        '    scores: SubStringScorer=False',
        '    reason: reason 4',
        '    label:  held by alice at 2025-01-01T00:00:00Z: a false positive: <it quotes the prompt> & refuses',
        '    id:     ar-4',
        '',
      ].join('\n'),
    );
    assert.match(resultLines(item(2, 'error')), /^• \[error\] ask 2\n.*\n {4}got: {4}\[processing\] HTTP 500\n/);
    assert.equal(outcomeText(item(3, 'undetermined')), 'undetermined');
  });

  it('never passes a terminal escape from the run through', () => {
    const text = resultLines(
      item(0, 'success', {
        request: { original_value: 'p\u001b[31m', converted_value: 'c\u009b2J', converters: [] },
        response: { converted_value: 'r\u001b]0;t\u0007', response_error: 'none' },
        outcome_reason: 'why\u202e',
      }),
    );
    // eslint-disable-next-line no-control-regex -- what must not be there
    assert.doesNotMatch(text.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});
