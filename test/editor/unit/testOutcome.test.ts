import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeResult,
  outcomeOf,
  promptIds,
  promptLabel,
  ResultMatcher,
} from '../../../extension/testing/testOutcome';
import { resultItem, score } from './fixtures';

test('the test outcome is the stored outcome: jailbroken fails, held passes, error errors, undetermined skips', () => {
  const jailbroken = outcomeOf(
    resultItem('say it', {
      outcome: 'success',
      automated_outcome: 'success',
      outcome_reason: 'Jailbroken: SubStringScorer True.',
      scores: [score()],
    }),
  );
  assert.equal(jailbroken.kind, 'failed');
  assert.match(
    jailbroken.message ?? '',
    /^Outcome: jailbroken — Jailbroken: SubStringScorer True\.\nPrompt: say it\nConverted prompt \(UpperCase\): SAY IT\nResponse: say it\nScore: SubStringScorer \(jailbreak, true_false\) = True — because$/,
  );
  assert.equal(outcomeOf(resultItem('hi')).kind, 'passed');
  const error = outcomeOf(
    resultItem('hi', {
      outcome: 'error',
      automated_outcome: 'error',
      outcome_reason: 'The target did not answer (response_error "unknown").',
      response: { converted_value: 'connect ECONNREFUSED', response_error: 'unknown' },
      scores: [],
    }),
  );
  assert.equal(error.kind, 'errored');
  assert.match(error.message ?? '', /did not answer[\s\S]*Response error: unknown/);
  const undetermined = outcomeOf(
    resultItem('hi', {
      outcome: 'undetermined',
      automated_outcome: 'undetermined',
      outcome_reason: 'No objective scorer judged the response.',
      scores: [],
    }),
  );
  assert.equal(undetermined.kind, 'skipped');
  assert.match(undetermined.message ?? '', /^Outcome: undetermined — No objective scorer judged the response\./);
});

test('scores are never read again: a True score under a stored "held" still passes', () => {
  // What the scores say is the daemon's to decide (domain/attackOutcome.ts); the Testing view shows its answer.
  assert.equal(
    outcomeOf(resultItem('hi', { outcome: 'failure', scores: [score({ score_value: 'True' })] })).kind,
    'passed',
  );
  assert.equal(outcomeOf(resultItem('hi', { outcome: 'success', scores: [] })).kind, 'failed');
});

test("a reviewer's label flips the test, and the message names it and the automated outcome", () => {
  const labelled = resultItem('hi', {
    outcome: 'failure',
    automated_outcome: 'success',
    outcome_reason: 'Jailbroken: SubStringScorer True.',
    label: { outcome: 'failure', note: 'quotes the prompt back', reviewer: 'tam', labelled_at: 'now', score_id: 'h1' },
  });
  assert.equal(outcomeOf(labelled).kind, 'passed');
  const flipped = outcomeOf({ ...labelled, outcome: 'success', label: { ...labelled.label!, outcome: 'success' } });
  assert.equal(flipped.kind, 'failed');
  assert.match(
    describeResult({ ...labelled, outcome: 'success', label: { ...labelled.label!, outcome: 'success' } }),
    /^Outcome: jailbroken, labelled by tam \("quotes the prompt back"\)\nAutomated: jailbroken — Jailbroken: SubStringScorer True\./,
  );
});

test('a score that does not decide is marked so in the message', () => {
  const item = resultItem('hi', { outcome: 'success', scores: [score({ objective: false, scorer: 'RefusalScorer' })] });
  assert.match(describeResult(item), /RefusalScorer \(jailbreak, true_false, not deciding\)/);
});

test('results match prompts by value, repeats in input order, or by prompt_index when the sent list is known', () => {
  const items = [
    resultItem('a', { prompt_index: 2, attack_result_id: 'third' }),
    resultItem('b', { prompt_index: 1 }),
    resultItem('a', { prompt_index: 0, attack_result_id: 'first' }),
  ];
  const matcher = new ResultMatcher(items);
  assert.equal(matcher.take('a')?.attack_result_id, 'first');
  assert.equal(matcher.take('a')?.attack_result_id, 'third');
  assert.equal(matcher.take('a'), undefined);
  // A red_teaming row shows the deciding turn, not the objective: the sent list names it.
  const byIndex = new ResultMatcher(
    [resultItem('attacker turn 3', { prompt_index: 0, attack_result_id: 'objective' })],
    ['reach the objective'],
  );
  assert.equal(byIndex.take('reach the objective')?.attack_result_id, 'objective');
  assert.equal(byIndex.take('attacker turn 3'), undefined);
  assert.deepEqual(promptIds(['a', 'b', 'a']), ['a', 'b', 'a#2']);
  assert.equal(promptLabel('  two\nlines '), 'two lines');
  assert.equal(promptLabel('x'.repeat(100)).length, 80);
});
