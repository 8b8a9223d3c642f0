// The real daemon with its memory in a real PostgreSQL (VUTF_MEMORY_URL): runs, resume after cancel and after
// kill -9, two users apart, health in PostgreSQL mode, and the database going away mid-run (through a TCP proxy
// the test closes: the shared server itself cannot be stopped). DuckDB-only suites (WAL, file locks, quarantine,
// disk full) are in test/memory and test/faults.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DaemonHarness, storedPrompts, waitFor, waitForStatus } from '../helpers/daemonHarness';
import { postgresServer } from '../helpers/postgres';
import { dropTestDatabaseAfterAll, testDatabase } from '../memory/memoryBackends';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';

const postgres = postgresServer();
if (postgres.present) dropTestDatabaseAfterAll();

async function launch(
  connection: DaemonConnection,
  prompts: string[],
  delayMs = 0,
): Promise<{ orchestratorId: string; executionId: string }> {
  const orchestrator = await connection.request('orchestrators/create', {
    name: `pg ${prompts.length}`,
    orchestrator_type: 'prompt_sending',
    parameters: {
      objective_target: { type: 'echo', prefix: 'PWNED: ', delay_ms: delayMs },
      scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
      batch_size: 4,
    },
  });
  const { execution_id: executionId } = await connection.request('executions/start', {
    orchestrator_id: orchestrator.id,
    execution_type: 'prompt_list',
    input_data: { prompt_list: prompts },
  });
  return { orchestratorId: orchestrator.id, executionId };
}

function promptsOf(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${name} ${index}`);
}

describe('PostgreSQL memory: the real daemon', { skip: postgres.skip }, () => {
  let daemon: DaemonHarness;
  let url: string;
  before(async () => {
    postgres.assert();
    url = (await testDatabase()).url;
    daemon = await DaemonHarness.start({ env: { VUTF_MEMORY_URL: url, VUTF_PG_POOL_MAX: '4' } });
  });
  after(async () => {
    await daemon?.stop();
  });

  it('runs prompt_sending into the user schema; health shows the backend, schema, rows and pool', async () => {
    const alice = await daemon.connect('alice');
    try {
      const prompts = promptsOf('alice', 30);
      const { executionId } = await launch(alice, prompts);
      const done = await waitForStatus(alice, executionId, ['completed']);
      assert.deepEqual(done.progress, { completed: 30, total: 30, errors: 0 });
      assert.deepEqual(await storedPrompts(alice, executionId), [...prompts].sort());
      const summary = await alice.request('results/summary', { execution_id: executionId });
      assert.equal(summary.total.judged_total, 30);
      assert.equal(summary.total.outcomes.success, 30);

      const health = await alice.request('health/database');
      assert.equal(health.status, 'healthy');
      assert.equal(health.backend, 'postgres');
      assert.match(health.postgres?.schema ?? '', /^vutf_[0-9a-f]{16}$/);
      assert.equal(health.postgres?.database, (await testDatabase()).name);
      assert.equal(health.postgres?.row_counts?.AttackResultEntries, 30);
      assert.equal(health.postgres?.row_counts?.PromptMemoryEntries, 60);
      assert.ok((health.postgres?.size_bytes ?? 0) > 0);
      assert.equal(health.postgres?.pool.max, 4);
      assert.equal(health.wal_size_bytes, 0);
      const debug = await alice.request('debug/info');
      assert.equal(debug.database.backend, 'postgres');
      assert.equal(debug.database.postgres?.schema, health.postgres?.schema);
      assert.doesNotMatch(JSON.stringify(debug), /password/i);

      // PyRIT's columns, in the user's schema: JSONB labels name the execution.
      const { admin } = await testDatabase();
      const rows = await admin(
        `SELECT count(*)::int AS n FROM ${health.postgres?.schema}."PromptMemoryEntries" WHERE labels->>'execution_id' = $1`,
        [executionId],
      );
      assert.equal(rows.rows[0].n, 60);
    } finally {
      alice.close();
    }
  });

  it('keeps two users of one database apart: each sees only their own', async () => {
    const alice = await daemon.connect('alice');
    const bob = await daemon.connect('bob');
    try {
      const { executionId, orchestratorId } = await launch(alice, promptsOf('private', 3));
      await waitForStatus(alice, executionId, ['completed']);
      const notFound = (error: unknown) => error instanceof DaemonError && error.code === -32011;
      assert.deepEqual((await bob.request('orchestrators/list')).orchestrators, []);
      assert.deepEqual((await bob.request('executions/list')).executions, []);
      await assert.rejects(bob.request('orchestrators/get', { orchestrator_id: orchestratorId }), notFound);
      await assert.rejects(bob.request('executions/get', { execution_id: executionId }), notFound);
      await assert.rejects(bob.request('results/list', { execution_id: executionId, limit: 10 }), notFound);
      const bobRun = await launch(bob, promptsOf('bob', 2));
      await waitForStatus(bob, bobRun.executionId, ['completed']);
      assert.deepEqual(
        (await bob.request('executions/list')).executions.map((execution) => execution.execution_id),
        [bobRun.executionId],
      );
      assert.ok(
        !(await alice.request('executions/list')).executions.some((e) => e.execution_id === bobRun.executionId),
      );
      const [aliceHealth, bobHealth] = [await alice.request('health/database'), await bob.request('health/database')];
      assert.notEqual(aliceHealth.postgres?.schema, bobHealth.postgres?.schema);
      assert.equal(bobHealth.postgres?.row_counts?.AttackResultEntries, 2);
    } finally {
      alice.close();
      bob.close();
    }
  });

  it('cancels mid-run, then resume answers every remaining prompt exactly once', async () => {
    const alice = await daemon.connect('alice');
    try {
      const prompts = promptsOf('cancel', 80);
      const { executionId } = await launch(alice, prompts, 30);
      await waitFor('some progress', async () =>
        (await alice.request('executions/get', { execution_id: executionId })).progress.completed >= 8
          ? true
          : undefined,
      );
      const cancelled = await alice.request('executions/cancel', { execution_id: executionId });
      assert.equal(cancelled.status, 'cancelled');
      await alice.request('executions/resume', { execution_id: executionId });
      const done = await waitForStatus(alice, executionId, ['completed']);
      assert.equal(done.progress.completed, 80);
      assert.deepEqual(await storedPrompts(alice, executionId), [...prompts].sort());
    } finally {
      alice.close();
    }
  });
});

describe('PostgreSQL memory: kill -9 of the daemon mid-run', { skip: postgres.skip }, () => {
  it('leaves the run to the queue: the next daemon finishes it, every prompt answered once, nothing lost', async () => {
    postgres.assert();
    // Team mode: the run belongs to the job queue, not to the daemon that took it; a daemon silent for the lease
    // (3 s here) has its chunks taken back by any other worker — here the next daemon's own.
    const env = { VUTF_MEMORY_URL: (await testDatabase()).url, VUTF_TEAM_LEASE_SECONDS: '3' };
    const first = await DaemonHarness.start({ env });
    let second: DaemonHarness | undefined;
    try {
      const connection = await first.connect('carol');
      const prompts = promptsOf('crash', 150);
      const { executionId } = await launch(connection, prompts, 20);
      const before = await waitFor('progress before the crash', async () => {
        const execution = await connection.request('executions/get', { execution_id: executionId });
        return execution.progress.completed >= 20 ? execution.progress.completed : undefined;
      });
      connection.close();
      await first.kill9();

      second = await DaemonHarness.start({ reuse: first });
      const again = await second.connect('carol');
      const after = await again.request('executions/get', { execution_id: executionId });
      assert.equal(after.status, 'running', 'a new daemon must not take a queued run for an interrupted one');
      assert.ok(after.progress.completed >= before, `acknowledged ${before}, stored ${after.progress.completed}`);
      const done = await waitForStatus(again, executionId, ['completed'], 60_000);
      assert.equal(done.progress.completed, 150);
      assert.deepEqual(await storedPrompts(again, executionId), [...prompts].sort());
      again.close();
    } finally {
      await second?.stop({ keepFiles: true });
      await first.stop();
    }
  });
});

/** A TCP proxy to the server that the test can take away (refusing connections) and bring back on the same port. */
class Proxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(5432, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('PostgreSQL memory: the database goes away mid-run', { skip: postgres.skip }, () => {
  it('says so in health, loses nothing acknowledged, and the run goes on once it is back', async () => {
    postgres.assert();
    const database = await testDatabase();
    const proxy = new Proxy();
    await proxy.up();
    const url = new URL(database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const daemon = await DaemonHarness.start({
      env: { VUTF_MEMORY_URL: url.toString(), DB_CONNECTION_TIMEOUT: '2' },
    });
    try {
      const dave = await daemon.connect('dave');
      const prompts = promptsOf('outage', 400);
      const { executionId } = await launch(dave, prompts, 15);
      const acknowledged = await waitFor('progress before the outage', async () => {
        const execution = await dave.request('executions/get', { execution_id: executionId });
        return execution.progress.completed >= 20 ? execution.progress.completed : undefined;
      });
      await proxy.down();

      const unavailable = (error: unknown) => error instanceof DaemonError && error.code === -32014;
      await waitFor('health error', async () => {
        try {
          const health = await dave.request('health/database');
          return health.status === 'error' ? health : undefined;
        } catch (error) {
          return unavailable(error) ? true : undefined;
        }
      });
      const health = await dave.request('health/get');
      assert.equal(health.database.status, 'error');
      assert.match(health.database.last_error ?? '', /PostgreSQL memory .* is unavailable/);
      await assert.rejects(dave.request('executions/list'), (error: unknown) => {
        assert.ok(unavailable(error), String(error));
        assert.match((error as Error).message, /unavailable: .*(ECONNREFUSED|connect|terminated)/i);
        return true;
      });

      await proxy.up();
      // Its chunks went back to the queue when their writes failed; once the server is back they are sent, and only
      // what had no stored answer is.
      const ended = await waitForStatus(dave, executionId, ['completed', 'failed'], 90_000);
      assert.equal(ended.status, 'completed');
      assert.ok(ended.progress.completed >= acknowledged);
      assert.equal(ended.progress.completed, 400);
      assert.deepEqual(await storedPrompts(dave, executionId), [...prompts].sort());
      assert.equal((await dave.request('health/database')).status, 'healthy');

      const next = await launch(dave, promptsOf('after', 5));
      assert.equal((await waitForStatus(dave, next.executionId, ['completed'])).progress.completed, 5);
      dave.close();
    } finally {
      await daemon.stop();
      await proxy.down();
    }
  });
});

describe('PostgreSQL memory: the daemon starts while the database is away', { skip: postgres.skip }, () => {
  it('refuses a run with DatabaseUnavailable, then queues and runs it once the server is back', async () => {
    postgres.assert();
    const database = await testDatabase();
    const proxy = new Proxy();
    await proxy.up();
    const port = proxy.port;
    await proxy.down();
    const url = new URL(database.url);
    url.host = `127.0.0.1:${port}`;
    const daemon = await DaemonHarness.start({ env: { VUTF_MEMORY_URL: url.toString(), DB_CONNECTION_TIMEOUT: '2' } });
    try {
      const erin = await daemon.connect('erin');
      await assert.rejects(launch(erin, promptsOf('early', 3)), (error: unknown) => {
        assert.ok(error instanceof DaemonError && error.code === -32014, String(error));
        return true;
      });
      await proxy.up();
      const unavailable = (error: unknown) => error instanceof DaemonError && error.code === -32014;
      const orchestrator = await waitFor('the memory to be back', async () => {
        try {
          return await erin.request('orchestrators/create', {
            name: 'after the outage',
            orchestrator_type: 'prompt_sending',
            parameters: { objective_target: { type: 'echo' }, scorers: [{ type: 'substring', substring: 'x' }] },
          });
        } catch (error) {
          if (unavailable(error)) return undefined;
          throw error;
        }
      });
      // The daemon tries the queue again every few seconds; the first start after that is queued and run.
      const started = await waitFor(
        'a start to be accepted',
        async () => {
          try {
            const { execution_id: executionId } = await erin.request('executions/start', {
              orchestrator_id: orchestrator.id,
              execution_type: 'prompt_list',
              input_data: { prompt_list: promptsOf('back', 3) },
            });
            return { executionId };
          } catch (error) {
            if (unavailable(error)) return undefined;
            throw error;
          }
        },
        60_000,
      );
      const done = await waitForStatus(erin, started.executionId, ['completed', 'failed']);
      assert.equal(done.status, 'completed');
      assert.equal(done.progress.completed, 3);
      erin.close();
    } finally {
      await daemon.stop();
      await proxy.down();
    }
  });
});
