// Daemon footprint: cold start (spawn `node dist/cli.js daemon run` → discovery file written → a client's
// handshake and `initialize` answered), then idle RSS and CPU over 120 s with one connected client, read from
// /proc. Plus the extension bundle's load time with a stub `vscode` module (activation proper needs VS Code).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readDiscovery } from '../client/discovery';
import { CLI, makeTempEnv, REPO_ROOT } from '../test/helpers/daemonHarness';
import { codeCacheDir } from '../daemon/launch/codeCache';
import { cpuSeconds, median, round, rssMb } from './procStats';
import { RawRpc } from './rawRpc';
import { setTimeout as delay } from 'node:timers/promises';

const COLD_STARTS = 5;
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 120);
const ACTIVATION_LOADS = 5;

interface Started {
  child: ChildProcess;
  rpc: RawRpc;
  ms: number;
}

async function coldStart(env: NodeJS.ProcessEnv, stateDir: string): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'daemon', 'run'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${stderr}`);
    if (performance.now() - started > 15_000) throw new Error('daemon did not write its discovery file within 15 s');
    const found = readDiscovery(stateDir);
    if (found && found.pid === child.pid) {
      const rpc = await RawRpc.daemon(found.port, stateDir, 'bench');
      return { child, rpc, ms: performance.now() - started };
    }
    await delay(1);
  }
}

/** One start that lives until its code cache is written, as a user's first start of a build does. */
async function writeCodeCache(env: NodeJS.ProcessEnv, stateDir: string): Promise<void> {
  const started = await coldStart(env, stateDir);
  try {
    const info = (await started.rpc.call('debug/info')) as { daemon: { code_cache: string } };
    if (info.daemon.code_cache !== 'missing') throw new Error(`code cache ${info.daemon.code_cache}, not missing`);
    const dir = codeCacheDir(env);
    for (let waited = 0; ; waited += 50) {
      if (fs.existsSync(dir) && fs.readdirSync(dir).some((name) => name.endsWith('.cache'))) return;
      if (waited > 15_000) throw new Error(`no code cache in ${dir} after 15 s`);
      await delay(50);
    }
  } finally {
    await started.rpc.close();
    await stop(started.child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Time to load dist/extension.js in a fresh Node with `vscode` stubbed: module evaluation, not activate(). */
function extensionLoadMs(): number | undefined {
  const bundle = path.join(REPO_ROOT, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) return undefined;
  const script = `
    const Module = require('node:module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
    const stub = new Proxy(function () {}, { get: (target, key) => (key === 'then' ? undefined : stub), apply: () => stub, construct: () => stub });
    // esbuild's __toESM copies the module's own property names: list every vscode.X the bundle touches.
    const names = new Set(Array.from(require('node:fs').readFileSync(${JSON.stringify(bundle)}, 'utf8').matchAll(/\\bvscode\\d*\\.([A-Za-z_$][\\w$]*)/g), (m) => m[1]));
    const api = {};
    for (const name of names) api[name] = stub;
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };
    const started = performance.now();
    const extension = require(${JSON.stringify(bundle)});
    if (typeof extension.activate !== 'function') throw new Error('no activate export');
    process.stdout.write(String(performance.now() - started));
  `;
  const samples: number[] = [];
  for (let index = 0; index < ACTIVATION_LOADS; index++) {
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    if (run.status !== 0) {
      process.stderr.write(`bench: extension load failed: ${run.stderr}\n`);
      return undefined;
    }
    samples.push(Number(run.stdout));
  }
  return median(samples);
}

/** Baselines: a bare `node` that exits at once (boot cost) and a bare idle `node` process's RSS. */
async function nodeBaselines(): Promise<{ bootMs: number; rssMb: number }> {
  const boots: number[] = [];
  for (let index = 0; index < COLD_STARTS; index++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    if (run.status !== 0) throw new Error('bare node failed');
    boots.push(performance.now() - started);
  }
  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await delay(1000);
    if (idle.pid === undefined) throw new Error('no pid');
    return { bootMs: median(boots), rssMb: rssMb(idle.pid) };
  } finally {
    await stop(idle);
  }
}

export async function runStartupBench(): Promise<Record<string, number>> {
  // Idle shutdown as a user's daemon has it (the test harness turns it off): its timer is part of what idles.
  const temp = makeTempEnv({ VUTF_IDLE_SHUTDOWN_MINUTES: '30' });
  const baseline = await nodeBaselines();
  const figures: Record<string, number> = {
    'daemon.node_boot_ms': round(baseline.bootMs, 1),
    'daemon.node_idle_rss_mb': round(baseline.rssMb, 1),
  };
  try {
    // A build's first start compiles its bundle; each later one runs it from V8's code cache (daemon/launch/).
    const uncached: number[] = [];
    for (let index = 0; index < COLD_STARTS; index++) {
      const started = await coldStart({ ...temp.env, VUTF_CODE_CACHE: '0' }, temp.stateDir);
      uncached.push(started.ms);
      await started.rpc.close();
      await stop(started.child);
    }
    figures['daemon.cold_start_uncached_ms'] = round(median(uncached), 1);
    await writeCodeCache(temp.env, temp.stateDir);
    const times: number[] = [];
    let last: Started | undefined;
    for (let index = 0; index < COLD_STARTS; index++) {
      const started = await coldStart(temp.env, temp.stateDir);
      times.push(started.ms);
      if (index < COLD_STARTS - 1) {
        await started.rpc.close();
        await stop(started.child);
      } else last = started;
    }
    figures['daemon.cold_start_ms'] = round(median(times), 1);
    figures['daemon.cold_start_ratio_vs_node'] = round(median(times) / baseline.bootMs, 2);
    if (last === undefined) throw new Error('no daemon');
    const pid = last.child.pid;
    if (pid === undefined) throw new Error('daemon has no pid');
    try {
      // What the extension does on connect, then nothing: the status bar waits for health/changed.
      await last.rpc.call('health/get');
      await delay(2000);
      const cpuBefore = cpuSeconds(pid);
      const wallBefore = performance.now();
      await delay((IDLE_SECONDS * 1000) / 2);
      // The second half alone as well: V8's memory reducer collects the start-up garbage in the first minute or
      // two (a "Mark-Compact (reduce)" or two under --trace-gc), once; the second half is the steady state.
      const cpuHalf = cpuSeconds(pid);
      const wallHalf = performance.now();
      await delay((IDLE_SECONDS * 1000) / 2);
      const cpuAfter = cpuSeconds(pid);
      const wallAfter = performance.now();
      figures['daemon.idle_rss_mb'] = round(rssMb(pid), 1);
      figures['daemon.idle_cpu_pct'] = round(((cpuAfter - cpuBefore) / ((wallAfter - wallBefore) / 1000)) * 100, 3);
      figures['daemon.idle_cpu_second_half_pct'] = round(
        ((cpuAfter - cpuHalf) / ((wallAfter - wallHalf) / 1000)) * 100,
        3,
      );
    } finally {
      await last.rpc.close();
      await stop(last.child);
    }
  } finally {
    fs.rmSync(temp.root, { recursive: true, force: true });
  }
  const activation = extensionLoadMs();
  if (activation !== undefined) figures['extension.activation_ms'] = round(activation, 1);
  return figures;
}

if (require.main === module) {
  runStartupBench().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
