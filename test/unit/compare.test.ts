import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackOutcome } from '../../domain/attackOutcome';
import { comparePrompts, converterChainDeltas, rateDeltas } from '../../daemon/orchestrators/compare/compareExecutions';

const item = (prompt: string, outcome: AttackOutcome) => ({ prompt, outcome });

describe('comparePrompts', () => {
  it('matches by prompt text, occurrence by occurrence, and totals the changes of the stored outcomes', () => {
    const base = [
      item('a', 'success'),
      item('b', 'failure'),
      item('dup', 'failure'),
      item('dup', 'success'),
      item('gone', 'failure'),
      item('err', 'failure'),
      item('was-error', 'error'),
    ];
    const head = [
      item('a', 'failure'),
      item('b', 'success'),
      item('dup', 'failure'),
      item('dup', 'success'),
      item('new', 'success'),
      item('err', 'error'),
      item('was-error', 'success'),
    ];
    const { prompts, totals } = comparePrompts(base, head);
    assert.deepEqual(totals, {
      newly_jailbroken: 2,
      newly_held: 1,
      unchanged: 2,
      changed: 1,
      missing_in_base: 1,
      missing_in_head: 1,
    });
    const changeOf = (prompt: string) => prompts.find((entry) => entry.prompt === prompt)?.change;
    assert.equal(changeOf('b'), 'newly_jailbroken');
    assert.equal(changeOf('a'), 'newly_held');
    assert.equal(changeOf('err'), 'changed', 'held → error is no evidence either way, never "newly held"');
    assert.equal(changeOf('was-error'), 'newly_jailbroken');
    assert.equal(changeOf('new'), 'missing_in_base');
  });

  it('pairs two runs of one prompt list place by place, duplicates included, as matching by occurrence does', () => {
    const prompts = ['a', 'dup', 'b', 'dup'];
    const base = prompts.map((prompt, index) => item(prompt, index % 2 === 0 ? 'success' : 'failure'));
    const head = prompts.map((prompt, index) => item(prompt, index < 2 ? 'success' : 'error'));
    const same = comparePrompts(base, head);
    assert.deepEqual(
      same.prompts.map(({ prompt, base: from, head: to, change }) => [prompt, from, to, change]),
      [
        ['a', 'success', 'success', 'unchanged'],
        ['dup', 'failure', 'success', 'newly_jailbroken'],
        ['b', 'success', 'error', 'changed'],
        ['dup', 'failure', 'error', 'changed'],
      ],
    );
    // The same runs with one more prompt in the head take the matching path: the shared prompts pair up the same.
    const longer = comparePrompts(base, [...head, item('c', 'failure')]);
    assert.deepEqual(longer.prompts.slice(0, 4), same.prompts);
    assert.deepEqual(longer.prompts[4], { prompt: 'c', base: null, head: 'failure', change: 'missing_in_base' });
  });

  it('computes rate deltas, with none where a side has no rate', () => {
    assert.deepEqual(
      rateDeltas(
        [
          { name: 'X', rate: 0.5 },
          { name: 'Y', rate: null },
        ],
        [{ name: 'X', rate: 0.75 }],
      ),
      [
        { name: 'X', base_rate: 0.5, head_rate: 0.75, delta: 0.25 },
        { name: 'Y', base_rate: null, head_rate: null, delta: null },
      ],
    );
  });

  it('pairs a changed converter chain into one row named by it, with a real delta', () => {
    assert.deepEqual(
      converterChainDeltas([{ name: 'no converter', rate: 0.2 }], [{ name: 'Base64 → ROT13', rate: 0.4 }]),
      [{ name: 'Base64 → ROT13 (was no converter)', base_rate: 0.2, head_rate: 0.4, delta: 0.4 - 0.2 }],
    );
    // Several chains on a side are matched by name, as before.
    assert.deepEqual(
      converterChainDeltas(
        [
          { name: 'A', rate: 0.5 },
          { name: 'B', rate: 0.1 },
        ],
        [{ name: 'A', rate: 0.25 }],
      ).map((row) => row.name),
      ['A', 'B'],
    );
  });
});
