// Where a daemon's time goes: spawns `node --cpu-prof dist/cli.js daemon run` (NODE_OPTIONS cannot carry
// --cpu-prof), drives one workload, stops it gracefully (the profile is written at exit) and prints the top
// self-time and inclusive-time functions. Not part of `npm run bench`; used to explain the misses in
// docs/performance.md.
//
//   node --import tsx bench/profileDaemon.ts health   # 5000 sequential health/get
//   node --import tsx bench/profileDaemon.ts startup  # start → handshake, then stop
//   node --import tsx bench/profileDaemon.ts list     # results/list deep pages on the 1M-piece DB
//   node --import tsx bench/profileDaemon.ts idle     # one client, health/get, then 30 s of nothing
//   node --import tsx bench/profileDaemon.ts compare  # results/summary of the 1M-piece run, compare of the 100k runs
//   BENCH_CPU_PROF_DIR=/tmp/p node --import tsx bench/engine.ts   # the engine bench's daemon, profiled
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDiscovery } from '../client/discovery';
import { encodeCursor } from '../daemon/handlers/results/pageCursor';
import { CLI, makeTempEnv } from '../test/helpers/daemonHarness';
import { RawRpc } from './rawRpc';
import { compareRuns, scaleDb, SCALE_USER } from './scale';
import { setTimeout as delay } from 'node:timers/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const file = node.callFrame.url.replace(/^file:\/\//, '').replace(`${path.resolve(__dirname, '..')}/`, '');
  return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
}

export function summarize(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let total = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    self.set(profile.samples[index], (self.get(profile.samples[index]) ?? 0) + delta);
  }
  const selfByLabel = new Map<string, number>();
  const inclusiveByLabel = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + micros);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const name = label(byId.get(current) as ProfileNode);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusiveByLabel.set(name, (inclusiveByLabel.get(name) ?? 0) + micros);
    }
  }
  const table = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, micros]) =>
          `${(micros / 1000).toFixed(1).padStart(9)} ms ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`,
      )
      .join('\n');
  return `total sampled ${(total / 1000).toFixed(0)} ms\n--- self ---\n${table(selfByLabel)}\n--- inclusive ---\n${table(inclusiveByLabel)}`;
}

async function main(): Promise<void> {
  const workload = process.argv[2] ?? 'health';
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-cpuprof-'));
  const extra: Record<string, string> = {};
  let executionId = '';
  let compared = { baseExecutionId: '', headExecutionId: '' };
  if (workload === 'list' || workload === 'compare') {
    const db = await scaleDb();
    extra.VIOLENTUTF_MEMORY_DIR = db.memoryDir;
    executionId = db.executionId;
    if (workload === 'compare') compared = await compareRuns(db);
  }
  // BENCH_CODE_CACHE_DIR=dir: profile a start from the code cache an earlier profiled start wrote there.
  if (process.env.BENCH_CODE_CACHE_DIR !== undefined) extra.XDG_CACHE_HOME = process.env.BENCH_CODE_CACHE_DIR;
  const temp = makeTempEnv(extra);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=100', CLI, 'daemon', 'run'],
    { env: temp.env, stdio: 'inherit' },
  );
  try {
    let port = 0;
    for (;;) {
      const found = readDiscovery(temp.stateDir);
      if (found && found.pid === child.pid) {
        port = found.port;
        break;
      }
      if (child.exitCode !== null) throw new Error('daemon exited');
      await delay(1);
    }
    const rpc = await RawRpc.daemon(port, temp.stateDir, SCALE_USER);
    process.stderr.write(`handshake after ${(performance.now() - started).toFixed(0)} ms (with --cpu-prof)\n`);
    if (workload === 'health') for (let index = 0; index < 5000; index++) await rpc.call('health/get');
    if (workload === 'idle') {
      await rpc.call('health/get');
      await delay(Number(process.env.IDLE_SECONDS ?? 30) * 1000);
    }
    if (workload === 'compare') {
      // The first call opens the file (and runs any pending migration): not what is profiled, but in the profile.
      await rpc.call('results/summary', { execution_id: executionId });
      for (let index = 0; index < 5; index++) {
        await rpc.call('results/summary', { execution_id: executionId });
        await rpc.call('results/compare', {
          base_execution_id: compared.baseExecutionId,
          head_execution_id: compared.headExecutionId,
        });
      }
    }
    if (workload === 'list') {
      await rpc.call('results/list', { execution_id: executionId, limit: 50 });
      // results/list pages by cursor only: start from the one the daemon would hand out 400k deep (see bench/scale.ts).
      let cursor: string | null = encodeCursor({ sortNumber: 0, sortText: '', promptIndex: 399_999 });
      for (let index = 0; index < 20 && cursor !== null; index++) {
        const page = (await rpc.call('results/list', { execution_id: executionId, limit: 50, cursor })) as {
          next_cursor: string | null;
        };
        cursor = page.next_cursor;
      }
    }
    await rpc.close();
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    fs.rmSync(temp.root, { recursive: true, force: true });
  }
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile written in ${profileDir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as Profile;
  console.log(`profile: ${path.join(profileDir, file)}`);
  console.log(summarize(profile, Number(process.env.TOP ?? 25)));
}

if (require.main === module) void main();
