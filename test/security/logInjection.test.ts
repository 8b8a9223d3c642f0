import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonConnection } from '../../client/daemonConnection';
import { createLogger } from '../../daemon/log';
import { canonicalUsername } from '../../domain/username';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';

/**
 * Log forging: a client name or a user name is the caller's text, and the daemon logs both. A newline in one would
 * start a line of the attacker's choosing in daemon.log (a fake ERROR, a fake "client connected"); escape
 * sequences would drive the terminal of whoever tails it. Every record must stay one line with no control
 * characters in it.
 */

const FORGED = '2026-01-01T00:00:00.000Z ERROR forged';

/** Each record's lines; a record must be exactly one. */
function linesOf(record: string): string[] {
  assert.ok(record.endsWith('\n'), `a record ends with a newline: ${JSON.stringify(record)}`);
  return record.slice(0, -1).split(/\r\n|\r|\n|\u2028|\u2029|\u0085/);
}

describe('log records cannot be forged', () => {
  it('escapes every control character of a message: one record, one line', () => {
    const records: string[] = [];
    const log = createLogger('debug', (line) => records.push(line));
    const hostile = `evil\n${FORGED}\r\u001b]52;c;aGk=\u0007\u001b[2J\u0000\u007f\u0085\u2028\u2029\u202etab\there`;
    log.warn(hostile);
    assert.equal(records.length, 1);
    assert.deepEqual(linesOf(records[0]).length, 1, JSON.stringify(records[0]));
    // Nothing below U+0020 but the final newline, no DEL, no C1, no line/paragraph separators, no bidi overrides.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    assert.doesNotMatch(records[0].slice(0, -1), /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    // Escaped, not dropped: whoever reads the log still sees what was sent.
    assert.ok(records[0].includes(`evil\\n${FORGED}\\r\\u001b]52;c;aGk=\\u0007`), records[0]);
  });

  describe('in the real daemon', () => {
    let daemon: DaemonHarness;
    before(async () => {
      daemon = await DaemonHarness.start();
    });
    after(() => daemon.stop());

    const outputLines = (): string[] => daemon.output.join('').split('\n');

    it('logs a client named "evil\\n<forged line>" on one line', async () => {
      const connection = await DaemonConnection.connect({
        port: daemon.port,
        token: daemon.token('alice'),
        client: { name: `evil\n${FORGED}`, version: `1\r\n${FORGED}` },
      });
      try {
        const line = await waitFor('the initialize log line', () =>
          outputLines().find((candidate) => candidate.includes('initialized as alice')),
        );
        assert.ok(line.includes(`evil\\n${FORGED}`), line);
        assert.ok(
          !outputLines().some((candidate) => candidate.startsWith(FORGED)),
          `a forged line reached the log:\n${daemon.output.join('')}`,
        );
      } finally {
        connection.close();
      }
    });

    it('logs a user whose name carries a newline on one line', async () => {
      const username = `mallory\n${FORGED}`;
      // What the daemon makes of it (lower case, spaces → _): still a second line that starts like a record.
      const forged = canonicalUsername(username).split('\n')[1];
      const connection = await DaemonConnection.connect({
        port: daemon.port,
        token: daemon.token(username),
        client: { name: 'test', version: '0' },
      });
      try {
        const line = await waitFor('the connect log line', () =>
          outputLines().find((candidate) => candidate.includes('connected as mallory')),
        );
        assert.ok(line.includes(`mallory\\n${forged}`), line);
        assert.ok(
          !outputLines().some((candidate) => candidate.startsWith(forged)),
          `a forged line reached the log:\n${daemon.output.join('')}`,
        );
      } finally {
        connection.close();
      }
    });
  });
});
