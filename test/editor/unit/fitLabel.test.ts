import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLabel } from '../../../webview/shared/fitLabel';

/** One pixel a character: widths a test can count. */
const measure = (text: string): number => [...text].length;

test('a label that fits stays one line; a longer one wraps between words, never past the width', () => {
  assert.deepEqual(fitLabel('SubStringScorer', 20, measure), ['SubStringScorer']);
  assert.deepEqual(fitLabel('Base64 → ROT13 → CharSwap', 16, measure), ['Base64 → ROT13 →', 'CharSwap']);
});

test('a name with a note in brackets puts the note on its own line', () => {
  assert.deepEqual(fitLabel('RefusalPhraseScorer (not deciding)', 22, measure), [
    'RefusalPhraseScorer',
    '(not deciding)',
  ]);
});

test('what does not fit in two lines ends in "…", every line within the width', () => {
  const lines = fitLabel('Base64 → ROT13 → CharSwap → Leetspeak (head only)', 16, measure);
  assert.equal(lines.length, 2);
  assert.ok(lines[1]?.endsWith('…'), lines.join(' / '));
  for (const line of lines) assert.ok(measure(line) <= 16, line);
  assert.deepEqual(fitLabel('RefusalPhraseScorer', 8, measure), ['Refusal…']);
});
