import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { DaemonHarness, makeTempEnv, runCli } from '../helpers/daemonHarness';
import { verifyToken } from '../../daemon/auth/token';
import { readSecret } from '../../client/secret';
import { dbPathFor } from '../../daemon/user/userContext';

describe('the vutf CLI against a real daemon', () => {
  let daemon: DaemonHarness;
  before(async () => {
    daemon = await DaemonHarness.start();
  });
  after(() => daemon.stop());

  it('`vutf token` prints a token the daemon accepts, for the canonical user', () => {
    const result = daemon.cli(['token', '--user', 'Admin@ViolentUTF.local', '--ttl', '30m']);
    assert.equal(result.status, 0, result.stderr);
    const verified = verifyToken(readSecret(daemon.stateDir), result.stdout.trim());
    assert.equal(verified.username, 'admin@violentutf.local');
    assert.equal(Number(verified.claims.exp) - Number(verified.claims.iat), 1800);
  });

  it('`vutf token` refuses a bad --ttl and a missing --user with a one-line reason', () => {
    const ttl = daemon.cli(['token', '--user', 'a', '--ttl', '2d']);
    assert.equal(ttl.status, 2);
    assert.match(ttl.stderr, /--ttl "2d" is not a duration/);
    const user = daemon.cli(['token']);
    assert.notEqual(user.status, 0);
    assert.match(user.stderr, /--user/);
  });

  it('`vutf health` prints a readable summary; --json prints health/get', () => {
    const text = daemon.cli(['health', '--user', 'carol']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Status: +healthy/);
    assert.match(text.stdout, /0\/20 pooled/);
    const json = daemon.cli(['health', '--json', '--user', 'carol']);
    const health = JSON.parse(json.stdout) as { status: string; database: { user_db_path: string } };
    assert.equal(health.status, 'healthy');
    assert.equal(health.database.user_db_path, dbPathFor('carol', 'violentutf_salt_2025', daemon.memoryDir));
  });

  it('`vutf debug-info --json` names the user, the DB path and the salt source', () => {
    const result = daemon.cli(['debug-info', '--json', '--user', 'Tam Nguyen']);
    assert.equal(result.status, 0, result.stderr);
    const info = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(info.username, 'tam_nguyen');
    assert.equal(info.db_path, dbPathFor('tam_nguyen', 'violentutf_salt_2025', daemon.memoryDir));
    assert.equal(info.memory_dir, daemon.memoryDir);
    assert.equal(info.salt_source, 'default');
    assert.equal(info.exists, fs.existsSync(String(info.db_path)));
  });

  it('`vutf daemon status` reports the running daemon', () => {
    const result = daemon.cli(['daemon', 'status', '--json']);
    assert.equal(result.status, 0);
    assert.equal(JSON.parse(result.stdout).pid, daemon.pid);
  });

  it('every command has --help', () => {
    for (const args of [
      [],
      ['daemon'],
      ['daemon', 'run'],
      ['daemon', 'start'],
      ['daemon', 'stop'],
      ['daemon', 'status'],
      ['token'],
      ['health'],
      ['debug-info'],
    ]) {
      const result = daemon.cli([...args, '--help']);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, /Usage: vutf/);
    }
  });
});

describe('the vutf CLI without a daemon', () => {
  it('says how to start one, on one line, exit 1', () => {
    const temp = makeTempEnv();
    try {
      const result = runCli(['health'], temp.env);
      assert.equal(result.status, 1);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.match(result.stderr, /No daemon is running.*vutf daemon start/);
      assert.equal(runCli(['daemon', 'status'], temp.env).status, 3);
    } finally {
      fs.rmSync(temp.root, { recursive: true, force: true });
    }
  });

  it('rejects an unknown command', () => {
    const temp = makeTempEnv();
    try {
      const result = runCli(['frobnicate'], temp.env);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /unknown command 'frobnicate'/);
    } finally {
      fs.rmSync(temp.root, { recursive: true, force: true });
    }
  });
});
