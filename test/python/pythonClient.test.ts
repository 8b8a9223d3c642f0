import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DaemonHarness, REPO_ROOT } from '../helpers/daemonHarness';
import { pythonWebsockets } from '../helpers/requirement';

// Debian's python3 sees python3-websockets; the python3 first on PATH may be a separate install that does not.
const PYTHON = '/usr/bin/python3';
const CLIENT = path.join(REPO_ROOT, 'examples', 'python', 'vutf_client.py');
// Without it the client dies on `import websockets`: skip saying what to install, or under CI fail saying so.
const websockets = pythonWebsockets();

describe('a second language: the Python example client', () => {
  let daemon: DaemonHarness | undefined;
  /** Each test first fails (under CI) on the missing package, then on a daemon the before hook did not start. */
  const running = (): DaemonHarness => {
    websockets.assert();
    assert.ok(daemon, 'the before hook started no daemon');
    return daemon;
  };
  before(async () => {
    if (websockets.present) daemon = await DaemonHarness.start();
  });
  after(() => daemon?.stop());

  it('connects with a token from `vutf token`, initializes and reads health/get', { skip: websockets.skip }, () => {
    const daemon = running();
    const token = daemon.cli(['token', '--user', 'Py Thon', '--ttl', '5m']);
    assert.equal(token.status, 0, token.stderr);
    const result = spawnSync(PYTHON, [CLIENT], {
      env: { ...daemon.env, TOKEN: token.stdout.trim() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as {
      initialize: { user: { username: string }; daemon: { pid: number } };
      health: { status: string; database: { user_db_path: string } };
    };
    assert.equal(output.initialize.user.username, 'py_thon');
    assert.equal(output.initialize.daemon.pid, daemon.pid);
    assert.equal(output.health.status, 'healthy');
    assert.match(output.health.database.user_db_path, /pyrit_memory_[0-9a-f]{16}\.db$/);
  });

  it('fails with a clear message when the token is bad', { skip: websockets.skip }, () => {
    const daemon = running();
    const result = spawnSync(PYTHON, [CLIENT], {
      env: { ...daemon.env, TOKEN: 'not-a-token' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /401/);
  });
});
