import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, makeTempEnv, runCli, runCliAsync, sleep, waitFor } from '../helpers/daemonHarness';
import { readDiscovery } from '../../client/discovery';
import { isProcessAlive } from '../../client/processAlive';

async function stopAndClean(temp: { env: NodeJS.ProcessEnv; root: string; stateDir: string }): Promise<void> {
  runCli(['daemon', 'stop'], temp.env);
  const discovery = readDiscovery(temp.stateDir);
  if (discovery && isProcessAlive(discovery.pid)) process.kill(discovery.pid, 'SIGKILL');
  fs.rmSync(temp.root, { recursive: true, force: true });
}

describe('daemon lifecycle (real processes)', () => {
  it('two concurrent `vutf daemon start` give one daemon', async () => {
    const temp = makeTempEnv();
    try {
      const [first, second] = await Promise.all([
        runCliAsync(['daemon', 'start'], temp.env),
        runCliAsync(['daemon', 'start'], temp.env),
      ]);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(second.status, 0, second.stderr);
      const pids = [first.stdout, second.stdout].map((out) => Number(/pid (\d+)/.exec(out)?.[1]));
      assert.equal(pids[0], pids[1], `${first.stdout} / ${second.stdout}`);
      assert.ok([first.stdout, second.stdout].some((out) => /already running/.test(out)));
      const status = runCli(['daemon', 'status', '--json'], temp.env);
      assert.equal(JSON.parse(status.stdout).pid, pids[0]);
    } finally {
      await stopAndClean(temp);
    }
  });

  it('`vutf daemon run` beside a running daemon says so and exits 1 without starting another', async () => {
    const daemon = await DaemonHarness.start();
    try {
      const second = daemon.cli(['daemon', 'run']);
      assert.equal(second.status, 1);
      assert.match(second.stderr, new RegExp(`already running .*pid ${daemon.pid}`));
      assert.equal(readDiscovery(daemon.stateDir)?.pid, daemon.pid);
    } finally {
      await daemon.stop();
    }
  });

  it('kill -9 leaves a stale discovery file that the next start replaces', async () => {
    const first = await DaemonHarness.start();
    await first.kill9();
    const stale = readDiscovery(first.stateDir);
    assert.equal(stale?.pid, first.pid, 'kill -9 leaves the discovery file behind');
    assert.ok(fs.existsSync(path.join(first.stateDir, 'daemon.lock')));
    assert.equal(runCli(['daemon', 'status'], first.env).status, 3, 'a dead pid is not reported as running');

    const second = await DaemonHarness.start({ reuse: first });
    try {
      assert.notEqual(second.pid, first.pid);
      assert.equal(readDiscovery(second.stateDir)?.pid, second.pid);
      const connection = await second.connect();
      assert.equal((await connection.request('health/get')).status, 'healthy');
      connection.close();
    } finally {
      await second.stop();
    }
  });

  it('SIGTERM stops gracefully and removes the discovery and lock files', async () => {
    const daemon = await DaemonHarness.start();
    const connection = await daemon.connect();
    const closed = new Promise<void>((resolve) => connection.onClose(resolve));
    daemon.child.kill('SIGTERM');
    assert.equal(await daemon.waitForExit(), 0);
    await closed;
    assert.equal(fs.existsSync(path.join(daemon.stateDir, 'daemon.json')), false);
    assert.equal(fs.existsSync(path.join(daemon.stateDir, 'daemon.lock')), false);
    await daemon.stop();
  });

  it('`vutf daemon stop` stops it; stopping again is a no-op', async () => {
    const temp = makeTempEnv();
    try {
      assert.equal(runCli(['daemon', 'start'], temp.env).status, 0);
      const pid = readDiscovery(temp.stateDir)?.pid ?? 0;
      const stop = runCli(['daemon', 'stop'], temp.env);
      assert.equal(stop.status, 0, stop.stderr);
      assert.match(stop.stdout, new RegExp(`stopped \\(pid ${pid}\\)`));
      assert.equal(isProcessAlive(pid), false);
      const again = runCli(['daemon', 'stop'], temp.env);
      assert.equal(again.status, 0);
      assert.match(again.stdout, /No daemon is running/);
    } finally {
      await stopAndClean(temp);
    }
  });

  it('shuts itself down after the idle period with no client', async () => {
    const daemon = await DaemonHarness.start({ env: { VUTF_IDLE_SHUTDOWN_MINUTES: '0.02' } });
    try {
      // A connected client keeps it alive past the idle period.
      const connection = await daemon.connect();
      await sleep(2000);
      assert.ok(daemon.alive);
      connection.close();
      assert.equal(await daemon.waitForExit(10_000), 0);
      assert.match(daemon.output.join(''), /idle for 0\.02 min/);
    } finally {
      await daemon.stop();
    }
  });

  it('refuses a bad setting at start with a message naming the variable', () => {
    const temp = makeTempEnv({ ORCHESTRATOR_POOL_SIZE: '0' });
    try {
      const result = runCli(['daemon', 'run'], temp.env);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /ORCHESTRATOR_POOL_SIZE="0".*whole number of 1 or more/);
    } finally {
      fs.rmSync(temp.root, { recursive: true, force: true });
    }
  });

  it('a client that stops answering pings is dropped', async () => {
    const daemon = await DaemonHarness.start({ env: { VUTF_HEARTBEAT_SECONDS: '0.3' } });
    try {
      const { default: WebSocket } = await import('ws');
      const ws = new WebSocket(`ws://127.0.0.1:${daemon.port}/`, 'vutf.v1', {
        headers: { Authorization: `Bearer ${daemon.token('zed')}` },
        autoPong: false,
      });
      await new Promise((resolve) => ws.once('open', resolve));
      const code = await new Promise<number>((resolve) => ws.once('close', resolve));
      assert.equal(code, 1006, 'terminated without a close frame');
      await waitFor('clients back to 0', async () => {
        const connection = await daemon.connect();
        const clients = (await connection.request('health/get')).daemon.clients;
        connection.close();
        return clients === 1 ? true : undefined;
      });
    } finally {
      await daemon.stop();
    }
  });
});
