import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DaemonHarness, REPO_ROOT } from '../helpers/daemonHarness';
import { pythonWebsockets } from '../helpers/requirement';
import type { ResultOf } from '../../protocol/methods';

// Debian's python3 sees python3-websockets; the python3 first on PATH may be a separate install that does not.
const PYTHON = '/usr/bin/python3';
const CLIENT = path.join(REPO_ROOT, 'examples', 'python', 'vutf_client.py');
const ECHO_EXAMPLE = path.join(REPO_ROOT, 'examples', 'echo-basics.orchestrator.json');

interface ClientOutput {
  initialize: { user: { username: string }; daemon: { pid: number }; protocol_version: string };
  health: { status: string; database: { user_db_path: string } };
  latest_execution: {
    execution_id: string;
    orchestrator_name: string;
    status: string;
    figures: ResultOf<'executions/get'>['figures'];
    headline: string;
  } | null;
}
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

  const runClient = (daemon: DaemonHarness, user: string): ClientOutput => {
    const token = daemon.cli(['token', '--user', user, '--ttl', '5m']);
    assert.equal(token.status, 0, token.stderr);
    const result = spawnSync(PYTHON, [CLIENT], {
      env: { ...daemon.env, TOKEN: token.stdout.trim() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as ClientOutput;
  };

  it('connects with a token from `vutf token`, initializes and reads health/get', { skip: websockets.skip }, () => {
    const daemon = running();
    const output = runClient(daemon, 'Py Thon');
    assert.equal(output.initialize.user.username, 'py_thon');
    assert.equal(output.initialize.daemon.pid, daemon.pid);
    assert.equal(output.initialize.protocol_version, '2.0');
    assert.equal(output.health.status, 'healthy');
    assert.match(output.health.database.user_db_path, /pyrit_memory_[0-9a-f]{16}\.db$/);
    assert.equal(output.latest_execution, null, 'a new user has run nothing');
  });

  it('says the headline of the latest execution, as the CLI does', { skip: websockets.skip }, () => {
    const daemon = running();
    const launch = daemon.cli(['launch', ECHO_EXAMPLE, '--wait', '--user', 'py']);
    assert.equal(launch.status, 0, launch.stderr);
    const output = runClient(daemon, 'py');
    const latest = output.latest_execution;
    assert.ok(latest);
    assert.equal(latest.orchestrator_name, 'echo basics');
    assert.equal(latest.status, 'completed');
    assert.equal(latest.figures.judged_total, 12);
    // Python formats the daemon's figures into the very line the CLI leads with.
    assert.equal(launch.stdout.split('\n')[0], latest.headline);
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
