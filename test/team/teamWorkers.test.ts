// Team mode, part 2, with real parts: a real PostgreSQL, real daemons and `vutf worker` processes, and a real HTTP
// server playing a 20 ms model. Runs spread over three workers; one is killed with -9 while it holds a chunk; a
// cancel from a client of another daemon stops every worker; a request budget holds across workers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DaemonHarness, storedPrompts, waitFor, waitForStatus } from '../helpers/daemonHarness';
import { WorkerHarness } from '../helpers/workerHarness';
import { createTestDatabase, postgresServer, type TestDatabase } from '../helpers/postgres';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

const postgres = postgresServer();

function promptsOf(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${name} ${index}`);
}

async function createOrchestrator(
  connection: DaemonConnection,
  model: MockOpenAi,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const orchestrator = await connection.request('orchestrators/create', {
    name,
    orchestrator_type: 'prompt_sending',
    parameters: {
      objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target', max_retries: 0 },
      scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
      batch_size: 4,
      ...extra,
    },
  });
  return orchestrator.id;
}

async function start(
  connection: DaemonConnection,
  orchestratorId: string,
  prompts: string[],
  budget?: Record<string, number>,
): Promise<string> {
  const { execution_id: executionId } = await connection.request('executions/start', {
    orchestrator_id: orchestratorId,
    execution_type: 'prompt_list',
    input_data: { prompt_list: prompts },
    ...(budget === undefined ? {} : { budget }),
  });
  return executionId;
}

/** Chunks the worker of this pid holds right now, as the team schema says. */
async function chunksHeldBy(database: TestDatabase, pid: number): Promise<number> {
  const { rows } = await database.admin(
    `SELECT count(*)::INT AS n FROM vutf_team.chunks WHERE state = 'running' AND worker_id LIKE $1`,
    [`%:${pid}:%`],
  );
  return (rows[0] as { n: number }).n;
}

describe('team mode: three workers, 3,000 prompts, one killed with -9 mid-chunk', { skip: postgres.skip }, () => {
  let database: TestDatabase;
  let model: MockOpenAi;
  let daemon: DaemonHarness;
  const workers: WorkerHarness[] = [];
  before(async () => {
    postgres.assert();
    database = await createTestDatabase();
    model = await startMockOpenAi({ latencyMs: 20, log: false, reply: (request) => `Sure: ${request.prompt ?? ''}` });
    const team = { VUTF_MEMORY_URL: database.url, VUTF_TEAM_LEASE_SECONDS: '5' };
    // The client's daemon only enqueues and relays: every chunk is a worker's.
    daemon = await DaemonHarness.start({ env: { ...team, VUTF_TEAM_WORKER_CONCURRENCY: '0' } });
    for (let n = 0; n < 3; n += 1) workers.push(await WorkerHarness.start(team, 2));
  });
  after(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await daemon?.stop();
    await model?.close();
    await database?.drop();
  });

  it("answers every prompt exactly once; each worker ran chunks; the killed one's chunk went to another", async () => {
    const alice = await daemon.connect('alice');
    const progress: number[] = [];
    alice.onNotification('executions/progress', (params) => progress.push(params.completed));
    const prompts = promptsOf('team', 3000);
    const executionId = await start(alice, await createOrchestrator(alice, model, 'team 3000'), prompts);

    await waitFor('every worker to finish a chunk', () =>
      workers.every((worker) => worker.finishedChunks >= 1) ? true : undefined,
    );
    const victim = workers[0];
    await waitFor('the victim to hold a chunk', async () =>
      (await chunksHeldBy(database, victim.pid)) > 0 ? true : undefined,
    );
    await victim.kill9();

    const done = await waitForStatus(alice, executionId, ['completed', 'completed_with_errors', 'failed'], 240_000);
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.equal(done.progress.completed, 3000);
    assert.deepEqual(await storedPrompts(alice, executionId), [...prompts].sort(), 'one stored answer per prompt');
    // A prompt in flight when its worker died may reach the model twice (docs/team.md): at most what it held.
    assert.ok(model.count() >= 3000 && model.count() <= 3000 + 2 * 50, `model saw ${model.count()} requests`);
    const { rows } = await database.admin(
      `SELECT count(*)::INT AS n FROM vutf_team.chunks WHERE execution_id = $1 AND claims > 1`,
      [executionId],
    );
    assert.ok((rows[0] as { n: number }).n >= 1, "the killed worker's chunk was claimed again by another");
    for (const worker of workers.slice(1)) assert.ok(worker.finishedChunks >= 1, worker.log);
    assert.ok(
      workers.slice(1).some((worker) => /took back \d+ chunk/.test(worker.log)),
      "a live worker took back the silent one's chunk",
    );
    assert.ok(progress.length > 0 && Math.max(...progress) <= 3000, "the daemon relayed the workers' progress");
    const health = await waitFor('health to show the team', async () => {
      const report = await alice.request('health/get');
      return (report.team?.workers.length ?? 0) >= 2 ? report : undefined;
    });
    assert.ok(
      health.team?.workers.some((worker) => worker.pid === workers[1].pid && worker.chunks_done >= 1),
      JSON.stringify(health.team),
    );
    await waitFor('the queue to be empty', async () =>
      (await alice.request('health/get')).team?.queue_depth === 0 ? true : undefined,
    );
    alice.close();
  });
});

describe(
  'team mode: cancel from another daemon, resume, and a request budget across workers',
  { skip: postgres.skip },
  () => {
    let database: TestDatabase;
    let model: MockOpenAi;
    let first: DaemonHarness;
    let second: DaemonHarness;
    const workers: WorkerHarness[] = [];
    before(async () => {
      postgres.assert();
      database = await createTestDatabase();
      model = await startMockOpenAi({
        latencyMs: 20,
        // The judge of the red_teaming run answers in the self-ask JSON; every other model echoes.
        reply: (request) =>
          (request.body as { model?: unknown }).model === 'judge'
            ? '{"score_value": "False", "rationale": "It kept the secret."}'
            : `echo: ${request.prompt ?? ''}`,
      });
      const team = { VUTF_MEMORY_URL: database.url, VUTF_TEAM_WORKER_CONCURRENCY: '0', VUTF_TEAM_CHUNK_SIZE: '25' };
      first = await DaemonHarness.start({ env: team });
      second = await DaemonHarness.start({ env: team });
      for (let n = 0; n < 3; n += 1) workers.push(await WorkerHarness.start({ VUTF_MEMORY_URL: database.url }, 2));
    });
    after(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await first?.stop();
      await second?.stop();
      await model?.close();
      await database?.drop();
    });

    it('a cancel on another daemon stops every worker; resume sends only the rest', async () => {
      const onFirst = await first.connect('bob');
      const onSecond = await second.connect('bob');
      const seenOnSecond: number[] = [];
      onSecond.onNotification('executions/progress', (params) => seenOnSecond.push(params.completed));
      const prompts = promptsOf('cancel', 1500);
      const executionId = await start(onFirst, await createOrchestrator(onFirst, model, 'cancel 1500'), prompts);
      await waitFor('progress on the other daemon', () => (seenOnSecond.some((n) => n >= 100) ? true : undefined));

      const cancelled = await onSecond.request('executions/cancel', { execution_id: executionId });
      assert.equal(cancelled.status, 'cancelled');
      const sentAtCancel = model.count();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(model.count(), sentAtCancel, 'no worker sent anything after the cancel was answered');
      assert.ok(cancelled.progress.completed < 1500, 'the cancel stopped the run before its end');
      const viewOnFirst = await onFirst.request('executions/get', { execution_id: executionId });
      assert.equal(viewOnFirst.status, 'cancelled');

      await onFirst.request('executions/resume', { execution_id: executionId });
      const done = await waitForStatus(onFirst, executionId, ['completed', 'failed'], 120_000);
      assert.equal(done.status, 'completed');
      assert.deepEqual(await storedPrompts(onFirst, executionId), [...prompts].sort());
      onFirst.close();
      onSecond.close();
    });

    it('a chunk a worker cannot run (its config needs a key the worker lacks) ends the run failed, saying why', async () => {
      const dan = await first.connect('dan');
      const orchestratorId = await createOrchestrator(dan, model, 'no key', {
        objective_target: {
          type: 'openai_chat',
          endpoint: model.chatUrl,
          model: 'target',
          max_retries: 0,
          api_key_env: 'VUTF_TEAM_TEST_ABSENT_KEY',
        },
      });
      const executionId = await start(dan, orchestratorId, promptsOf('nokey', 20));
      const ended = await waitForStatus(dan, executionId, ['failed', 'completed'], 60_000);
      assert.equal(ended.status, 'failed');
      assert.match(ended.error ?? '', /VUTF_TEAM_TEST_ABSENT_KEY/);
      assert.match(ended.error ?? '', /\(worker [^)]+\)/, 'the message names the worker');
      dan.close();
    });

    it('runs a multi-turn red_teaming execution as chunks of objectives on several workers', async () => {
      const gina = await first.connect('gina');

      const chat = (name: string) => ({ type: 'openai_chat', endpoint: model.chatUrl, model: name, max_retries: 0 });

      const orchestrator = await gina.request('orchestrators/create', {
        name: 'red team',

        orchestrator_type: 'red_teaming',

        parameters: {
          objective_target: chat('target'),

          adversarial_chat: chat('attacker'),

          objective_scorer: { type: 'self_ask_true_false', chat_target: chat('judge') },

          max_turns: 2,
        },
      });

      const objectives = promptsOf('objective', 75);

      const executionId = await start(gina, orchestrator.id, objectives);

      const done = await waitForStatus(gina, executionId, ['completed', 'completed_with_errors', 'failed'], 120_000);

      assert.equal(done.status, 'completed', done.error ?? '');

      assert.equal(done.progress.completed, 75);

      const { objectives: judged } = await gina.request('results/objectives', { execution_id: executionId });

      assert.deepEqual(judged.map((objective) => objective.objective).sort(), [...objectives].sort());

      const ran = workers.filter((worker) => worker.log.includes(`of execution ${executionId}`));

      assert.ok(ran.length >= 2, `its 3 chunks ran on ${ran.length} worker(s)`);

      gina.close();
    });

    it('a request budget of N is not passed across workers', async () => {
      const carol = await first.connect('carol');
      const before = model.count();
      const executionId = await start(
        carol,
        await createOrchestrator(carol, model, 'budget'),
        promptsOf('budget', 1000),
        { max_requests: 120 },
      );
      const ended = await waitForStatus(carol, executionId, ['budget_exhausted', 'completed', 'failed'], 120_000);
      assert.equal(ended.status, 'budget_exhausted', JSON.stringify(ended));
      // Told apart by their prompts: a straggler of another test's run must not count here.
      const sent = model.requests.filter((request) => request.prompt?.startsWith('budget ') === true).length;
      assert.equal(model.count() - before, sent, 'only this run sent while it ran');
      // Requests are reserved in PostgreSQL before they start, so the in-flight bound for requests is nil.
      assert.ok(sent <= 120, `the model saw ${sent} requests for a budget of 120`);
      assert.ok(sent >= 100, `the run stopped early: ${sent} requests`);
      assert.equal(ended.usage?.requests, sent);
      assert.equal(ended.progress.completed, sent);
      carol.close();
    });
  },
);

describe('team mode: a worker stopped gracefully', { skip: postgres.skip }, () => {
  it('gives its chunk back at once; another worker sends the rest, nothing twice', async () => {
    postgres.assert();
    const database = await createTestDatabase();
    // Slow answers make a chunk last seconds, so the stop lands inside one, not between two.
    const model = await startMockOpenAi({ latencyMs: 200, log: false });
    // The default lease (30 s): the chunk can only move on this quickly if the stopping worker released it.
    const team = { VUTF_MEMORY_URL: database.url };
    const daemon = await DaemonHarness.start({ env: { ...team, VUTF_TEAM_WORKER_CONCURRENCY: '0' } });
    const stopping = await WorkerHarness.start(team, 1);
    const staying = await WorkerHarness.start(team, 1);
    try {
      const frank = await daemon.connect('frank');
      const prompts = promptsOf('release', 300);
      const executionId = await start(frank, await createOrchestrator(frank, model, 'release'), prompts);
      await waitFor('the worker to hold a chunk', async () =>
        (await chunksHeldBy(database, stopping.pid)) > 0 ? true : undefined,
      );
      assert.equal(await stopping.stop(), 0, stopping.log);
      assert.match(stopping.log, /released chunk \d+/);
      const done = await waitForStatus(frank, executionId, ['completed', 'failed'], 120_000);
      assert.equal(done.status, 'completed');
      assert.deepEqual(await storedPrompts(frank, executionId), [...prompts].sort());
      assert.doesNotMatch(staying.log, /took back/, 'released, not taken back after a lease');
      frank.close();
    } finally {
      await stopping.stop();
      await staying.stop();
      await daemon.stop();
      await model.close();
      await database.drop();
    }
  });
});

describe('team mode: a shared rate limit', { skip: postgres.skip }, () => {
  it('holds max_requests_per_minute across workers together', async () => {
    postgres.assert();
    const database = await createTestDatabase();
    const model = await startMockOpenAi({ latencyMs: 1 });
    const workers: WorkerHarness[] = [];
    const daemon = await DaemonHarness.start({
      env: { VUTF_MEMORY_URL: database.url, VUTF_TEAM_WORKER_CONCURRENCY: '0', VUTF_TEAM_CHUNK_SIZE: '5' },
    });
    try {
      for (let n = 0; n < 2; n += 1) workers.push(await WorkerHarness.start({ VUTF_MEMORY_URL: database.url }, 2));
      const erin = await daemon.connect('erin');
      // 600 a minute: one request per 100 ms for the whole team, whichever worker sends it.
      const orchestrator = await erin.request('orchestrators/create', {
        name: 'limited',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: {
            type: 'openai_chat',
            endpoint: model.chatUrl,
            model: 'target',
            max_retries: 0,
            max_requests_per_minute: 600,
          },
          scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
          batch_size: 4,
        },
      });
      const executionId = await start(erin, orchestrator.id, promptsOf('limited', 30));
      await waitForStatus(erin, executionId, ['completed'], 60_000);
      const times = model.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
      assert.equal(times.length, 30);
      // 30 requests at one per 100 ms take at least 2.9 s of the model's own clock, however many workers send.
      const spanMs = times[times.length - 1] - times[0];
      assert.ok(spanMs >= 2_700, `30 requests spanned ${spanMs.toFixed(0)} ms at 600/min`);
      const { rows } = await database.admin(`SELECT count(*)::INT AS n FROM vutf_team.rate_limits`);
      assert.equal((rows[0] as { n: number }).n, 1, 'one shared limiter row for the target');
      assert.ok(
        workers.every((worker) => worker.finishedChunks >= 1),
        'both workers sent, under one limit',
      );
      erin.close();
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await daemon.stop();
      await model.close();
      await database.drop();
    }
  });
});
