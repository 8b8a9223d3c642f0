import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hasScorers,
  isAttackSuccess,
  outcomeOf,
  promptIds,
  promptLabel,
  ResultMatcher,
  type ResultItem,
  type ResultScore,
} from '../../../extension/testing/testOutcome';

const score = (score_value: string, score_type = 'true_false', score_category = 'jailbreak'): ResultScore => ({
  score_value,
  score_type,
  score_category,
  score_rationale: 'because',
  scorer: 'SubStringScorer',
});

const item = (
  original: string,
  scores: ResultScore[],
  response_error = 'none',
  response: string | null = original,
): ResultItem => ({
  conversation_id: `c-${original}`,
  request: { original_value: original, converted_value: original.toUpperCase(), converters: ['UpperCase'] },
  response: response === null ? null : { converted_value: response, response_error },
  scores,
});

test('a True fails the test, except for refusal scores where False is the successful attack; Likert ≥ 0.5', () => {
  assert.equal(isAttackSuccess(score('True')), true);
  assert.equal(isAttackSuccess(score('false')), false);
  assert.equal(isAttackSuccess(score('False', 'true_false', 'refusal')), true);
  assert.equal(isAttackSuccess(score('True', 'true_false', 'refusal')), false);
  assert.equal(isAttackSuccess(score('0.5', 'float_scale')), true);
  assert.equal(isAttackSuccess(score('0.25', 'float_scale')), false);
  assert.equal(isAttackSuccess(score('', 'float_scale')), false);
});

test('outcomes: failed with prompt, converted prompt, response and rationale; passed; errored; skipped', () => {
  const failed = outcomeOf(item('say it', [score('False'), score('True')]), true);
  assert.equal(failed.kind, 'failed');
  assert.match(
    failed.message ?? '',
    /Prompt: say it\nConverted prompt \(UpperCase\): SAY IT\nResponse: say it\nScore: SubStringScorer \(jailbreak, true_false\) = True — because/,
  );
  assert.equal(outcomeOf(item('hi', [score('False')]), true).kind, 'passed');
  assert.equal(outcomeOf(item('hi', [score('True')], 'blocked'), true).kind, 'errored');
  assert.equal(outcomeOf(item('hi', []), false).kind, 'skipped');
  assert.equal(outcomeOf(item('hi', []), true).kind, 'skipped');
  assert.equal(outcomeOf(item('hi', [], 'none', null), true).kind, 'skipped');
  assert.equal(hasScorers({ scorers: [{ type: 'substring' }] }), true);
  assert.equal(hasScorers({}), false);
});

test('results match prompts by value, repeats in order; ids and labels', () => {
  const matcher = new ResultMatcher([item('a', [score('True')]), item('b', []), item('a', [score('False')])]);
  assert.equal(matcher.take('a')?.scores[0]?.score_value, 'True');
  assert.equal(matcher.take('a')?.scores[0]?.score_value, 'False');
  assert.equal(matcher.take('a'), undefined);
  assert.deepEqual(promptIds(['a', 'b', 'a']), ['a', 'b', 'a#2']);
  assert.equal(promptLabel('  two\nlines '), 'two lines');
  assert.equal(promptLabel('x'.repeat(100)).length, 80);
});
