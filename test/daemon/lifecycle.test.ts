import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, makeTempEnv, runCli, runCliAsync, waitFor } from '../helpers/daemonHarness';
import { readDiscovery } from '../../client/discovery';
import { isProcessAlive } from '../../client/processAlive';
import { IdleShutdown, type ClientCount } from '../../daemon/lifecycle/idleShutdown';

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

  it('stays up past the idle period while a client is connected, then shuts itself down', async () => {
    const IDLE_MINUTES = 0.02; // 1.2 s
    const daemon = await DaemonHarness.start({ env: { VUTF_IDLE_SHUTDOWN_MINUTES: String(IDLE_MINUTES) } });
    try {
      const connection = await daemon.connect();
      // The idle clock starts with the daemon, so a daemon that ignored its client would exit at an uptime of one
      // idle period (plus a check interval) and this request would fail. Its own uptime says when two have passed.
      const twoPeriods = 2 * IDLE_MINUTES * 60;
      const health = await waitFor(
        `an uptime of ${twoPeriods} s with the client connected`,
        async () => {
          const report = await connection.request('health/get');
          return report.daemon.uptime_s >= twoPeriods ? report : undefined;
        },
        30_000,
      );
      assert.equal(health.daemon.clients, 1);
      assert.ok(daemon.alive);
      assert.equal(readDiscovery(daemon.stateDir)?.pid, daemon.pid);

      connection.close();
      assert.equal(await daemon.waitForExit(15_000), 0);
      assert.match(daemon.output.join(''), /shutting down: idle for 0\.02 min with no client/);
      assert.equal(fs.existsSync(path.join(daemon.stateDir, 'daemon.json')), false, 'the discovery file is removed');
      assert.equal(fs.existsSync(path.join(daemon.stateDir, 'daemon.lock')), false, 'the lock file is removed');
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
      const ws = new WebSocket(`ws://127.0.0.1:${daemon.port}/`, 'vutf.v2', {
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

// The rule itself, on node:test's fake timers and Date: no waiting, and the exact moments are asserted.
describe('idle shutdown rule (fake clock)', () => {
  const MINUTE = 60_000;
  /**
   * Node 20's mock timers set Date to the end of a tick before running the callbacks due within it, so time
   * moves a second at a time: each check then sees the moment it is due at.
   */
  const advance = (ms: number): void => {
    for (let step = 0; step < ms; step += 1_000) mock.timers.tick(Math.min(1_000, ms - step));
  };
  /** One idle minute: the rule checks every 15 s (a quarter of the period). */
  function start(isBusy: () => boolean): { fired: () => number; idle: IdleShutdown } {
    let fired = 0;
    const idle = new IdleShutdown(1, isBusy, () => fired++);
    idle.start();
    return { fired: () => fired, idle };
  }

  it('fires one idle period after start when nothing ever keeps it busy', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      const { fired, idle } = start(() => false);
      advance(MINUTE - 15_000);
      assert.equal(fired(), 0, 'not before the period is over');
      advance(15_000);
      assert.equal(fired(), 1, 'at the first check one period after start');
      // (Not asserted: that it stops checking afterwards. Node 20's mock timers keep an interval that is cleared
      // from inside its own callback, as the rule does, running; real timers do not.)
      idle.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('never fires while busy, and counts the period from the first check that finds it idle', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      let busy = true;
      const { fired, idle } = start(() => busy);
      advance(10 * MINUTE);
      assert.equal(fired(), 0, 'a client kept it up for ten periods');
      busy = false; // the last client leaves at 10:00, just after a check
      advance(15_000 + MINUTE - 15_000); // 11:00: the check of 10:15 started the idle count
      assert.equal(fired(), 0, 'only 45 s idle so far');
      advance(15_000); // 11:15
      assert.equal(fired(), 1);
      idle.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('a busy spell restarts the idle count', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      let busy = false;
      const { fired, idle } = start(() => busy);
      advance(45_000);
      busy = true; // a client connects at 0:45 and leaves at 1:05
      advance(15_000);
      busy = false;
      advance(5_000 + 10_000 + MINUTE - 15_000); // 2:00: idle since the check of 1:15
      assert.equal(fired(), 0, 'without the busy spell it would have fired at 1:00');
      advance(15_000); // 2:15
      assert.equal(fired(), 1);
      idle.stop();
    } finally {
      mock.timers.reset();
    }
  });

  /** The clients as the server's registry tells them: a count and a listener called on every change. */
  class Clients implements ClientCount {
    count = 0;
    private readonly listeners = new Set<(count: number) => void>();
    onCountChange(listener: (count: number) => void): () => void {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }
    get listening(): number {
      return this.listeners.size;
    }
    set(count: number): void {
      this.count = count;
      for (const listener of this.listeners) listener(count);
    }
  }

  it('sets no timer while a client is connected, and fires one period after the last one leaves', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      const clients = new Clients();
      clients.set(1); // the editor is attached from the start
      let asked = 0;
      let fired = 0;
      const idle = new IdleShutdown(
        1,
        () => {
          asked++;
          return clients.count > 0;
        },
        () => fired++,
        undefined,
        clients,
      );
      idle.start();
      advance(10 * MINUTE);
      assert.equal(asked, 0, 'nothing woke to ask in ten periods with a client connected');
      assert.equal(fired, 0);
      clients.set(2);
      clients.set(0); // both leave at 10:00
      advance(MINUTE - 1_000);
      assert.equal(fired, 0, 'not before a whole period without a client');
      advance(1_000);
      assert.equal(fired, 1, 'at 11:00, one period after the last client left');
      idle.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('a client that comes in the idle period holds it off until it leaves', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      const clients = new Clients();
      let fired = 0;
      const idle = new IdleShutdown(
        1,
        () => clients.count > 0,
        () => fired++,
        undefined,
        clients,
      );
      idle.start();
      advance(30_000);
      clients.set(1); // 0:30 → 5:00
      advance(4 * MINUTE + 30_000);
      assert.equal(fired, 0, 'it would have fired at 1:00 without the client');
      clients.set(0);
      advance(MINUTE - 1_000);
      assert.equal(fired, 0);
      advance(1_000);
      assert.equal(fired, 1, 'at 6:00');
      idle.stop();
      // (Not asserted by advancing further: Node 20's mock timers keep running an interval cleared from inside its
      // own callback, see above.)
      assert.equal(clients.listening, 0, 'stopped: it no longer listens to the clients');
    } finally {
      mock.timers.reset();
    }
  });

  it('0 minutes never fires', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
    try {
      let fired = 0;
      const idle = new IdleShutdown(
        0,
        () => false,
        () => fired++,
      );
      idle.start();
      advance(24 * 60 * MINUTE);
      assert.equal(fired, 0);
      idle.stop();
    } finally {
      mock.timers.reset();
    }
  });
});
