// Team mode's scaling: the same run on 1 and on 3 `vutf worker` processes against a model slow enough (100 ms a
// request) that the target, not the workers, bounds throughput. `team.scaling_3_workers` is the ratio of the two
// throughputs (goal ≥ 2.5). Needs a PostgreSQL server the bench may create databases on: VUTF_BENCH_POSTGRES_URL,
// else VUTF_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/test; without one the suite says so and
// reports nothing.
import pg from 'pg';
import { DaemonHarness, waitForStatus } from '../test/helpers/daemonHarness';
import { WorkerHarness } from '../test/helpers/workerHarness';
import { createTestDatabase, TEST_POSTGRES_ENV } from '../test/helpers/postgres';
import { startMockOpenAi } from '../test/fixtures/targets/mockOpenAiServer';
import { round } from './procStats';

const PROMPTS = 1200;
const MODEL_LATENCY_MS = 100;
const WORKER_CONCURRENCY = 2;
const BATCH_SIZE = 4;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Prompts per second of one run spread over `workers` workers. */
async function throughput(workers: number): Promise<number> {
  const database = await createTestDatabase();
  const model = await startMockOpenAi({ latencyMs: MODEL_LATENCY_MS, log: false });
  const team = { VUTF_MEMORY_URL: database.url };
  const daemon = await DaemonHarness.start({ env: { ...team, VUTF_TEAM_WORKER_CONCURRENCY: '0' } });
  const started: WorkerHarness[] = [];
  try {
    for (let n = 0; n < workers; n += 1) started.push(await WorkerHarness.start(team, WORKER_CONCURRENCY));
    const connection = await daemon.connect('bench');
    const orchestrator = await connection.request('orchestrators/create', {
      name: `team bench ${workers}`,
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target', max_retries: 0 },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
        batch_size: BATCH_SIZE,
      },
    });
    const begun = performance.now();
    const { execution_id: executionId } = await connection.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: Array.from({ length: PROMPTS }, (_, index) => `bench ${index}`) },
    });
    const done = await waitForStatus(
      connection,
      executionId,
      ['completed', 'completed_with_errors', 'failed'],
      600_000,
    );
    const seconds = (performance.now() - begun) / 1000;
    if (done.status !== 'completed') throw new Error(`the team bench run ended ${done.status}`);
    connection.close();
    return PROMPTS / seconds;
  } finally {
    await Promise.all(started.map((worker) => worker.stop()));
    await daemon.stop();
    await model.close();
    await database.drop();
  }
}

export async function runTeamBench(): Promise<Record<string, number>> {
  const url =
    process.env.VUTF_BENCH_POSTGRES_URL ?? process.env[TEST_POSTGRES_ENV] ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!(await reachable(url))) {
    process.stderr.write(`bench: team skipped: no PostgreSQL at ${new URL(url).host} (set VUTF_BENCH_POSTGRES_URL)\n`);
    return {};
  }
  process.env[TEST_POSTGRES_ENV] = url;
  const one = await throughput(1);
  const three = await throughput(3);
  return {
    'team.prompts_per_s_1_worker': round(one, 1),
    'team.prompts_per_s_3_workers': round(three, 1),
    'team.scaling_3_workers': round(three / one, 2),
  };
}
