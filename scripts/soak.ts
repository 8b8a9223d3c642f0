// `npm run soak`: load and soak of the REAL daemon (dist/cli.js), loopback only, bounded in time.
//
// 1. Load: 50 concurrent clients × 1,000 requests, mixed — health/get, orchestrators/list, results/list pages of a
//    run made at the start, and launches of a small echo orchestrator. Every error counts (goal 0). The daemon's
//    open fds (/proc/<pid>/fd) are read before and after, and the pool and DB instances afterwards
//    (health/orchestrators, health/database).
// 2. Soak: SOAK_MINUTES (default 10) of steady mixed traffic from a few clients; RSS at start and end, drift %.
//
// Exits non-zero when errors > 0, RSS drift ≥ 10 %, fds grew, or a pool instance / DB connection leaked.
// Env: SOAK_MINUTES (default 10), SOAK_CLIENTS (50), SOAK_REQUESTS (1000).
import { DaemonHarness, sleep } from '../test/helpers/daemonHarness';
import { median, openFds, percentile, round, rssMb } from '../bench/procStats';
import { RawRpc } from '../bench/rawRpc';

const CLIENTS = positiveNumber('SOAK_CLIENTS', 50);
const REQUESTS_PER_CLIENT = positiveNumber('SOAK_REQUESTS', 1000);
const SOAK_MINUTES = positiveNumber('SOAK_MINUTES', 10);
const SOAK_CLIENTS = 5;
const SOAK_PAUSE_MS = 5;
const USER = 'soak';
const RUN_PROMPTS = 500;
const LAUNCH_PROMPTS = 3;
const DRIFT_LIMIT_PCT = 10;
/**
 * Bound on the whole script: the soak itself plus 25 min for set-up and the load phase (about 11 min here: every
 * read of one user's file waits its turn on one reader connection — see docs/performance.md). Nothing may hang.
 */
const HARD_LIMIT_MS = (SOAK_MINUTES * 60 + 25 * 60) * 1000;
/** The daemon, so the hard limit can kill it: an orphaned daemon would outlive this script. */
let running: DaemonHarness | undefined;

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${raw}`);
  return value;
}

interface IdResult {
  id?: unknown;
  execution_id?: unknown;
}
interface ExecutionView {
  status?: unknown;
}
interface ExecutionListView {
  executions?: { status?: unknown }[];
}
interface PoolView {
  pool_stats?: { total_instances?: unknown; leased?: unknown; max_instances?: unknown };
  active_instances?: unknown;
}
interface DatabaseView {
  state?: unknown;
  active_connections?: unknown;
}

function idOf(value: unknown, key: 'id' | 'execution_id'): string {
  const id = (value as IdResult)[key];
  if (typeof id !== 'string') throw new Error(`no ${key} in ${JSON.stringify(value)}`);
  return id;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

class Errors {
  count = 0;
  readonly samples = new Map<string, number>();
  add(error: unknown): void {
    this.count++;
    const message = error instanceof Error ? error.message : String(error);
    this.samples.set(message, (this.samples.get(message) ?? 0) + 1);
  }
}

interface Fixture {
  runId: string;
  launchOrchestratorId: string;
}

/** Milliseconds spent per kind of request, for the summary. */
const latency = new Map<string, number[]>();

function kindOf(slot: number): string {
  const kind = slot % 20;
  if (kind === 0 && slot % 100 === 0) return 'executions/start';
  if (kind < 6) return 'health/get';
  if (kind < 11) return 'orchestrators/list';
  return 'results/list';
}

/** One mixed request; `slot` picks which kind, so every client issues the same mix. */
async function mixedRequest(rpc: RawRpc, fixture: Fixture, slot: number, launches: string[]): Promise<void> {
  const started = performance.now();
  try {
    await oneRequest(rpc, fixture, slot, launches);
  } finally {
    const name = kindOf(slot);
    const list = latency.get(name) ?? [];
    list.push(performance.now() - started);
    latency.set(name, list);
  }
}

async function oneRequest(rpc: RawRpc, fixture: Fixture, slot: number, launches: string[]): Promise<void> {
  const kind = slot % 20;
  if (kind === 0 && slot % 100 === 0) {
    const started = await rpc.call('executions/start', {
      orchestrator_id: fixture.launchOrchestratorId,
      execution_type: 'prompt_list',
      input_data: {
        prompt_list: Array.from({ length: LAUNCH_PROMPTS }, (_, index) => `soak launch ${slot} prompt ${index}`),
      },
    });
    launches.push(idOf(started, 'execution_id'));
  } else if (kind < 6) {
    await rpc.call('health/get');
  } else if (kind < 11) {
    await rpc.call('orchestrators/list');
  } else {
    const offset = Math.floor(Math.random() * (RUN_PROMPTS / 50)) * 50;
    const page = (await rpc.call('results/list', { execution_id: fixture.runId, offset, limit: 50 })) as {
      items?: unknown[];
      total?: unknown;
    };
    if (
      page.total !== RUN_PROMPTS ||
      !Array.isArray(page.items) ||
      page.items.length !== Math.min(50, RUN_PROMPTS - offset)
    ) {
      throw new Error(
        `results/list page at ${offset} is wrong: total ${String(page.total)}, ${page.items?.length ?? 'no'} items`,
      );
    }
  }
}

async function setUp(rpc: RawRpc): Promise<Fixture> {
  const runOrchestrator = await rpc.call('orchestrators/create', {
    name: 'soak run',
    orchestrator_type: 'prompt_sending',
    parameters: { objective_target: { type: 'echo', prefix: 'echo: ' }, batch_size: 32 },
  });
  const launchOrchestrator = await rpc.call('orchestrators/create', {
    name: 'soak launches',
    orchestrator_type: 'prompt_sending',
    parameters: { objective_target: { type: 'echo' }, batch_size: 4 },
  });
  const started = await rpc.call('executions/start', {
    orchestrator_id: idOf(runOrchestrator, 'id'),
    execution_type: 'prompt_list',
    input_data: { prompt_list: Array.from({ length: RUN_PROMPTS }, (_, index) => `soak prompt ${index}`) },
  });
  const runId = idOf(started, 'execution_id');
  await waitUntil(
    'the soak run',
    async () => ((await rpc.call('executions/get', { execution_id: runId })) as ExecutionView).status !== 'running',
    120_000,
  );
  const status = ((await rpc.call('executions/get', { execution_id: runId })) as ExecutionView).status;
  if (status !== 'completed') throw new Error(`the soak run ended ${String(status)}`);
  return { runId, launchOrchestratorId: idOf(launchOrchestrator, 'id') };
}

async function noneRunning(rpc: RawRpc): Promise<boolean> {
  const list = (await rpc.call('executions/list', { status: 'running', limit: 500 })) as ExecutionListView;
  return (list.executions ?? []).length === 0;
}

async function loadPhase(
  daemon: DaemonHarness,
  fixture: Fixture,
  errors: Errors,
): Promise<{ launches: string[]; seconds: number; requests: number }> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () => RawRpc.daemon(daemon.port, daemon.stateDir, USER)),
  );
  const launches: string[] = [];
  const started = performance.now();
  let done = 0;
  await Promise.all(
    clients.map(async (rpc, client) => {
      for (let index = 0; index < REQUESTS_PER_CLIENT; index++) {
        // Offset the mix per client, so launches do not all land at the same instant.
        await mixedRequest(rpc, fixture, index + client, launches).catch((error: unknown) => errors.add(error));
        if (++done % 5000 === 0)
          process.stderr.write(
            `soak: ${done} requests, ${errors.count} errors, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
          );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((rpc) => rpc.close()));
  return { launches, seconds, requests: CLIENTS * REQUESTS_PER_CLIENT };
}

async function soakPhase(
  daemon: DaemonHarness,
  fixture: Fixture,
  errors: Errors,
): Promise<{ samples: number[]; requests: number }> {
  const clients = await Promise.all(
    Array.from({ length: SOAK_CLIENTS }, () => RawRpc.daemon(daemon.port, daemon.stateDir, USER)),
  );
  const endAt = Date.now() + SOAK_MINUTES * 60_000;
  const samples: number[] = [rssMb(daemon.pid)];
  const every = Math.max(1000, Math.min(10_000, (SOAK_MINUTES * 60_000) / 30));
  const sampler = setInterval(() => samples.push(rssMb(daemon.pid)), every);
  let requests = 0;
  const launches: string[] = [];
  try {
    await Promise.all(
      clients.map(async (rpc, client) => {
        for (let index = client; Date.now() < endAt; index++) {
          await mixedRequest(rpc, fixture, index, launches).catch((error: unknown) => errors.add(error));
          requests++;
          await sleep(SOAK_PAUSE_MS);
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  samples.push(rssMb(daemon.pid));
  await Promise.all(clients.map((rpc) => rpc.close()));
  return { samples, requests };
}

async function main(): Promise<number> {
  const errors = new Errors();
  const failures: string[] = [];
  const daemon = await DaemonHarness.start();
  running = daemon;
  try {
    const admin = await RawRpc.daemon(daemon.port, daemon.stateDir, USER);
    const fixture = await setUp(admin);
    // Warm every path once (DB open, pool instance, first results page), then take the baseline.
    await mixedRequest(admin, fixture, 0, []);
    await waitUntil('the warm-up launch', () => noneRunning(admin), 60_000);
    await sleep(500);
    const fdsBefore = openFds(daemon.pid);
    const rssBeforeLoad = rssMb(daemon.pid);
    process.stderr.write(`soak: load — ${CLIENTS} clients × ${REQUESTS_PER_CLIENT} requests…\n`);
    const load = await loadPhase(daemon, fixture, errors);
    await waitUntil('the launched runs to end', () => noneRunning(admin), 120_000);
    await sleep(1000);
    const fdsAfter = openFds(daemon.pid);
    const pool = (await admin.call('health/orchestrators')) as PoolView;
    const database = (await admin.call('health/database')) as DatabaseView;
    const poolInstances = Number(pool.pool_stats?.total_instances);
    const poolLeased = Number(pool.pool_stats?.leased);
    const dbConnections = Number(database.active_connections);

    console.log('— load —');
    console.log(
      `requests            ${load.requests} in ${load.seconds.toFixed(1)} s (${Math.round(load.requests / load.seconds)}/s), launches ${load.launches.length}`,
    );
    console.log(`errors              ${errors.count}`);
    for (const [message, count] of [...errors.samples].slice(0, 5)) console.log(`  ${count} × ${message}`);
    console.log(`daemon open fds     ${fdsBefore} before → ${fdsAfter} after`);
    console.log(
      `pool instances      ${poolInstances} (leased ${poolLeased}, active ${String(pool.active_instances)}, max ${String(pool.pool_stats?.max_instances)})`,
    );
    console.log(`DB                  state ${String(database.state)}, ${dbConnections} connections`);
    console.log(
      `RSS                 ${rssBeforeLoad.toFixed(1)} MB before load → ${rssMb(daemon.pid).toFixed(1)} MB after`,
    );
    for (const [name, values] of latency) {
      console.log(
        `  ${name.padEnd(20)} ${String(values.length).padStart(6)} × p50 ${median(values).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms`,
      );
    }
    latency.clear();
    if (errors.count > 0) failures.push(`${errors.count} errors under load`);
    if (fdsAfter > fdsBefore) failures.push(`open fds grew ${fdsBefore} → ${fdsAfter}`);
    // Both runs use one configuration each: at most two pooled instances, none leased once every run ended.
    if (!(poolInstances <= 2) || poolLeased !== 0)
      failures.push(`pool instances ${poolInstances}, leased ${poolLeased} after the load`);
    // One file, one instance: its writer and reader connections.
    if (!(dbConnections <= 2)) failures.push(`${dbConnections} DB connections after the load`);

    if (SOAK_MINUTES > 0) {
      process.stderr.write(`soak: RSS soak — ${SOAK_MINUTES} min, ${SOAK_CLIENTS} clients…\n`);
      const errorsBefore = errors.count;
      const soak = await soakPhase(daemon, fixture, errors);
      await waitUntil('the launched runs to end', () => noneRunning(admin), 120_000);
      // Median of the first and last three samples: one GC cycle must not decide the verdict.
      const start = median(soak.samples.slice(0, 3));
      const end = median(soak.samples.slice(-3));
      const drift = ((end - start) / start) * 100;
      console.log('— soak —');
      console.log(
        `duration            ${SOAK_MINUTES} min, ${soak.requests} requests, ${errors.count - errorsBefore} errors`,
      );
      console.log(
        `RSS                 start ${start.toFixed(1)} MB → end ${end.toFixed(1)} MB (min ${Math.min(...soak.samples).toFixed(1)}, max ${Math.max(...soak.samples).toFixed(1)}, ${soak.samples.length} samples)`,
      );
      console.log(`drift               ${round(drift, 2)} % (limit < ${DRIFT_LIMIT_PCT} %)`);
      if (errors.count > errorsBefore) failures.push(`${errors.count - errorsBefore} errors during the soak`);
      if (drift >= DRIFT_LIMIT_PCT) failures.push(`RSS drift ${round(drift, 2)} % ≥ ${DRIFT_LIMIT_PCT} %`);
    }
    await admin.close();
    if (!daemon.alive) failures.push('the daemon died');
  } catch (error) {
    console.error(
      `soak: daemon ${daemon.alive ? 'alive' : 'DEAD'}; its last output:\n${daemon.output.join('').split('\n').slice(-30).join('\n')}`,
    );
    throw error;
  } finally {
    await daemon.stop();
  }
  console.log(failures.length === 0 ? 'soak: PASS' : `soak: FAIL — ${failures.join('; ')}`);
  return failures.length === 0 ? 0 : 1;
}

const guard = setTimeout(() => {
  console.error(`soak: FAIL — still running after ${HARD_LIMIT_MS / 1000} s`);
  running?.child.kill('SIGKILL');
  process.exit(2);
}, HARD_LIMIT_MS);
guard.unref();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('soak: FAIL —', error);
    process.exitCode = 1;
  },
);
