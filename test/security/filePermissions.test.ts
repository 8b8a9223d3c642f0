import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness } from '../helpers/daemonHarness';

function modes(stateDir: string): { secret: number; discovery: number; stateDir: number } {
  return {
    secret: fs.statSync(path.join(stateDir, 'secret')).mode & 0o777,
    discovery: fs.statSync(path.join(stateDir, 'daemon.json')).mode & 0o777,
    stateDir: fs.statSync(stateDir).mode & 0o777,
  };
}

const PRIVATE = { secret: 0o600, discovery: 0o600, stateDir: 0o700 };

describe('file permissions across a restart (real daemon process)', () => {
  it(
    'keeps the secret and discovery file 0600 and the state dir 0700 after a start, a graceful restart and a kill -9 restart',
    { timeout: 60_000 },
    async () => {
      const first = await DaemonHarness.start();
      let second: DaemonHarness | undefined;
      let third: DaemonHarness | undefined;
      try {
        assert.deepEqual(modes(first.stateDir), PRIVATE, 'after the first start');
        const secretBefore = fs.readFileSync(path.join(first.stateDir, 'secret'));
        await first.stop({ keepFiles: true });

        second = await DaemonHarness.start({ reuse: first });
        assert.deepEqual(modes(second.stateDir), PRIVATE, 'after a graceful restart');
        assert.deepEqual(
          fs.readFileSync(path.join(second.stateDir, 'secret')),
          secretBefore,
          'the secret survives a restart',
        );
        await second.kill9();

        third = await DaemonHarness.start({ reuse: first });
        assert.deepEqual(modes(third.stateDir), PRIVATE, 'after a restart over a kill -9 (stale discovery file)');
        const connection = await third.connect('alice');
        assert.equal((await connection.request('health/get')).status, 'healthy');
        connection.close();
      } finally {
        await third?.stop({ keepFiles: true });
        await second?.stop({ keepFiles: true });
        await first.stop();
      }
    },
  );
});
