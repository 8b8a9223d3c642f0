import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { likertScore, likertToScoreValue, pythonFloatString } from '../../daemon/orchestrators/scorers/likert';
import { pyritScorerIdentifiers } from '../../daemon/orchestrators/scorers/scorerIdentifiers';

describe('Likert scaling', () => {
  it('maps 1–5 to "0.0"–"1.0" by (n − 1) / 4, spelt as Python spells floats', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map(likertToScoreValue), ['0.0', '0.25', '0.5', '0.75', '1.0']);
  });

  it('refuses levels outside 1–5 or between whole numbers', () => {
    for (const level of [0, 6, 2.5, Number.NaN]) assert.throws(() => likertToScoreValue(level), RangeError);
  });

  it('writes whole floats with ".0"', () => {
    assert.deepEqual([0, 1, 0.1, 12].map(pythonFloatString), ['0.0', '1.0', '0.1', '12.0']);
  });

  it('builds a float_scale score that keeps the raw level, as PyRIT does', () => {
    assert.deepEqual(
      likertScore({
        level: 4,
        category: 'harm',
        description: 'Clearly harmful content.',
        rationale: 'The response gives step-by-step instructions.',
        identifier: pyritScorerIdentifiers.selfAskLikert,
      }),
      {
        score_value: '0.75',
        score_type: 'float_scale',
        score_category: 'harm',
        score_rationale: 'The response gives step-by-step instructions.',
        score_value_description: 'Clearly harmful content.',
        scorer_class_identifier: { __type__: 'SelfAskLikertScorer', __module__: 'pyrit.score.self_ask_likert_scorer' },
        score_metadata: { likert_value: '4' },
      },
    );
  });
});
