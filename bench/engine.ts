// Engine figure: 10,000 prompts, batch_size 64, through the real daemon to a local OpenAI-compatible server that
// answers after 20 ms. The baseline is the ideal time: 10000 / 64 × 0.020 s.
import { DaemonHarness, waitFor } from '../test/helpers/daemonHarness';
import { startMockOpenAi } from '../test/fixtures/targets/mockOpenAiServer';
import fs from 'node:fs';
import path from 'node:path';
import { cpuSeconds, percentile } from './procStats';
import { summarize, type Profile } from './profileDaemon';

const PROMPTS = 10_000;
const BATCH = 64;
const LATENCY_MS = 20;

/**
 * The daemon as users run it (its memory on its own thread), then with `VUTF_MEMORY_THREAD=0` (the manager on the
 * main thread, as before issue 14's writer thread) for the baseline beside it.
 */
export async function runEngineBench(): Promise<Record<string, number>> {
  const onThread = await engineRun({});
  const onMain = await engineRun({ VUTF_MEMORY_THREAD: '0' });
  return {
    ...onThread,
    'engine.main_thread_ratio_to_ideal': onMain['engine.ratio_to_ideal'],
    'engine.main_thread_event_loop_utilization': onMain['engine.event_loop_utilization'],
    'engine.main_thread_health_p99_ms_during_run': onMain['engine.health_p99_ms_during_run'],
    'engine.main_thread_health_max_ms_during_run': onMain['engine.health_max_ms_during_run'],
  };
}

async function engineRun(env: Record<string, string>): Promise<Record<string, number>> {
  const model = await startMockOpenAi({ latencyMs: LATENCY_MS, log: false, reply: () => 'ok' });
  // BENCH_CPU_PROF_DIR=dir: the daemon runs under --cpu-prof and its profile's top entries are printed at the end.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const daemon = await DaemonHarness.start({
    env,
    nodeArgs: profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  try {
    const connection = await daemon.connect('bench');
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'engine bench',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'bench' },
        batch_size: BATCH,
        scorers: [{ type: 'refusal' }],
      },
    });
    const prompts = Array.from(
      { length: PROMPTS },
      (_, index) => `benchmark prompt ${index} with a little padding to look like a real one`,
    );
    // Wait on the pushed notification, as the extension does: polling would measure our own polling.
    // The daemon's own CPU and event-loop use over the run: where the next bottleneck is.
    const before = await connection.request('debug/info');
    const cpuBefore = cpuSeconds(before.daemon.pid);
    let ended = false;
    connection.onNotification('executions/changed', ({ execution }) => {
      if (execution.status !== 'running') ended = true;
    });
    // Another client asking for health every 10 ms while the run writes: how long the daemon keeps it waiting.
    const watcher = await daemon.connect('bench');
    const healthMs: number[] = [];
    const watching = (async () => {
      while (!ended) {
        const asked = performance.now();
        await watcher.request('health/get');
        healthMs.push(performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const started = performance.now();
    const { execution_id: executionId } = await connection.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: prompts },
    });
    await waitFor('the bench run', () => (ended ? true : undefined), 300_000);
    await watching;
    watcher.close();
    const done = await connection.request('executions/get', { execution_id: executionId });
    const wallS = (performance.now() - started) / 1000;
    const after = await connection.request('debug/info');
    const cpuS = cpuSeconds(after.daemon.pid) - cpuBefore;
    const active = after.daemon.event_loop_active_ms - before.daemon.event_loop_active_ms;
    const idle = after.daemon.event_loop_idle_ms - before.daemon.event_loop_idle_ms;
    if (done.progress.completed !== PROMPTS)
      throw new Error(`bench run ended ${done.status} with ${done.progress.completed} answered`);
    connection.close();
    const idealS = (PROMPTS / BATCH) * (LATENCY_MS / 1000);
    return {
      'engine.wall_s': round(wallS),
      'engine.ideal_s': round(idealS),
      'engine.ratio_to_ideal': round(wallS / idealS),
      'engine.cpu_ms_per_prompt': round((cpuS / PROMPTS) * 1000),
      'engine.daemon_cpu_pct_of_wall': round((cpuS / wallS) * 100),
      'engine.event_loop_utilization': round(active / (active + idle)),
      'engine.health_p99_ms_during_run': round(percentile(healthMs, 99)),
      'engine.health_max_ms_during_run': round(Math.max(...healthMs)),
    };
  } finally {
    await daemon.stop();
    await model.close();
    if (profileDir !== undefined) printProfile(profileDir);
  }
}

function printProfile(dir: string): void {
  const file = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (file === undefined) return;
  process.stderr.write(`profile: ${file}\n${summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, 30)}\n`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (require.main === module) {
  void runEngineBench().then((figures) => console.log(JSON.stringify(figures, null, 2)));
}
