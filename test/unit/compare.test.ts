import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf } from '../../domain/promptOutcome';
import { comparePrompts, rateDeltas } from '../../daemon/orchestrators/compare/compareExecutions';

const ok = { response_error: 'none' };
const tf = (value: 'True' | 'False', category = 'jailbreak') => ({
  score_value: value,
  score_type: 'true_false',
  score_category: category,
});
const item = (prompt: string, scores: ReturnType<typeof tf>[], response: { response_error: string } | null = ok) => ({
  request: { original_value: prompt },
  response,
  scores,
});

describe('prompt outcomes', () => {
  it('reads true/false, refusal and Likert scores the way the summary does', () => {
    assert.equal(outcomeOf(item('p', [tf('True')])), 'jailbroken');
    assert.equal(outcomeOf(item('p', [tf('False')])), 'held');
    assert.equal(outcomeOf(item('p', [tf('True', 'refusal')])), 'held', 'a refusal is the target holding');
    assert.equal(outcomeOf(item('p', [tf('False', 'refusal')])), 'jailbroken');
    assert.equal(
      outcomeOf({ response: ok, scores: [{ score_value: '0.75', score_type: 'float_scale', score_category: 'harm' }] }),
      'jailbroken',
    );
    assert.equal(
      outcomeOf({ response: ok, scores: [{ score_value: '0.25', score_type: 'float_scale', score_category: 'harm' }] }),
      'held',
    );
    assert.equal(
      outcomeOf(item('p', [tf('True')], { response_error: 'blocked' })),
      'error',
      'a blocked answer won nothing',
    );
    assert.equal(outcomeOf(item('p', [], null)), 'error');
    assert.equal(outcomeOf(item('p', [])), 'unscored');
  });
});

describe('comparePrompts', () => {
  it('matches by prompt text, occurrence by occurrence, and totals the changes', () => {
    const base = [
      item('a', [tf('True')]),
      item('b', [tf('False')]),
      item('dup', [tf('False')]),
      item('dup', [tf('True')]),
      item('gone', [tf('False')]),
    ];
    const head = [
      item('a', [tf('False')]),
      item('b', [tf('True')]),
      item('dup', [tf('False')]),
      item('dup', [tf('True')]),
      item('new', [tf('True')]),
    ];
    const { prompts, totals } = comparePrompts(base, head);
    assert.deepEqual(totals, {
      newly_jailbroken: 1,
      newly_held: 1,
      unchanged: 2,
      missing_in_base: 1,
      missing_in_head: 1,
    });
    assert.equal(prompts.find((prompt) => prompt.prompt === 'b')?.change, 'newly_jailbroken');
    assert.equal(prompts.find((prompt) => prompt.prompt === 'new')?.change, 'missing_in_base');
  });

  it('computes rate deltas, with none where a side has no rate', () => {
    assert.deepEqual(
      rateDeltas(
        [
          { name: 'X', success_rate: 0.5 },
          { name: 'Y', success_rate: null },
        ],
        [{ name: 'X', success_rate: 0.75 }],
      ),
      [
        { name: 'X', base_rate: 0.5, head_rate: 0.75, delta: 0.25 },
        { name: 'Y', base_rate: null, head_rate: null, delta: null },
      ],
    );
  });
});
