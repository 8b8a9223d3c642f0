import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { oneLine, safeText } from '../../daemon/cli/oneLine';

/** What a hostile model might answer: a colour, a title change, a screen clear, an 8-bit CSI, a bidi override. */
const HOSTILE = 'ok\u001b[31mred\u001b]0;owned\u0007 \u001b[2J\u009b6n\u202egnp.exe\u0000\u007f';

describe('text from a run on a terminal (unit)', () => {
  it('lets no character a terminal acts on through', () => {
    const shown = oneLine(HOSTILE, 500);
    // eslint-disable-next-line no-control-regex -- what must not be there
    assert.doesNotMatch(shown, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.equal(shown, 'ok\uFFFD[31mred\uFFFD]0;owned\uFFFD \uFFFD[2J\uFFFD6n\uFFFDgnp.exe\uFFFD\uFFFD');
  });

  it('folds whitespace (newlines, carriage returns, tabs) to one line and cuts long texts', () => {
    assert.equal(oneLine('  a\r\nb\tc  '), 'a b c');
    assert.equal(oneLine('x'.repeat(200), 10), `${'x'.repeat(9)}…`);
    assert.equal(safeText('y'.repeat(200)), 'y'.repeat(200), 'safeText never cuts');
    assert.equal(
      oneLine('Crimson leaves · 17 × 23 = 391 — buenos días'),
      'Crimson leaves · 17 × 23 = 391 — buenos días',
    );
  });
});
