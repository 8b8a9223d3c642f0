import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, makeTempEnv, waitFor } from '../helpers/daemonHarness';
import { queryDatabase } from '../helpers/duckdbReader';
import { tmpfsMount } from '../helpers/requirement';
import { startMockOpenAi, type MockReply, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import { allResults, waitForEnd, type Execution } from './faultKit';
import { Gate, mountTmpfs, type TmpfsDisk } from './tmpfsDisk';

// Each test fills a small tmpfs: skip saying what it needs, or under CI fail saying so.
const tmpfs = tmpfsMount();

/** A readable disk-full error: what went wrong in one or two sentences, no stack trace. */
function assertReadableDiskError(message: string, what: string): void {
  assert.ok(message.length > 0 && message.length < 2000, `${what}: a readable error: ${message}`);
  assert.match(message, /space|disk|full/i, `${what}: says the disk is full: ${message}`);
  assert.doesNotMatch(message, /\n\s+at /, `${what}: no stack trace`);
}

interface TmpfsDaemon {
  daemon: DaemonHarness;
  disk: TmpfsDisk;
  /** A client of `username`; closed if the daemon dies, so a request in flight fails instead of hanging. */
  connect(username: string): Promise<DaemonConnection>;
  /** The daemon's last words if it exited during the test, else ''. */
  died(): string;
}

async function startOnTmpfs(size: string): Promise<TmpfsDaemon> {
  const temp = makeTempEnv();
  const disk = mountTmpfs(temp.memoryDir, size);
  let died = '';
  const connections: DaemonConnection[] = [];
  try {
    const daemon = await DaemonHarness.start({ reuse: temp });
    // A DuckDB FatalException aborts the process: fail with its output instead of waiting on a dead socket.
    daemon.child.once('exit', (code, signal) => {
      died = `the daemon exited (code ${code}, signal ${signal}):\n${daemon.output.join('').slice(-6000)}`;
      for (const connection of connections) connection.close();
    });
    const connect = async (username: string) => {
      const connection = await daemon.connect(username);
      connections.push(connection);
      return connection;
    };
    return { daemon, disk, connect, died: () => died };
  } catch (error) {
    disk.unmount();
    fs.rmSync(temp.root, { recursive: true, force: true });
    throw error;
  }
}

async function stopOnTmpfs(daemon: DaemonHarness, disk: TmpfsDisk): Promise<void> {
  await daemon.stop({ keepFiles: true });
  disk.unmount();
  fs.rmSync(daemon.root, { recursive: true, force: true });
}

/** Every memory file left in the dir opens in DuckDB (the CLI's view of it), none "not a valid DuckDB file". */
async function assertFilesOpen(dir: string): Promise<void> {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.db'));
  assert.ok(files.length > 0, `memory files in ${dir}`);
  for (const name of files) {
    const rows = await queryDatabase<{ count: number }>(
      path.join(dir, name),
      'SELECT count(*)::INTEGER AS count FROM orchestrator_executions',
    );
    assert.equal(rows.length, 1, name);
  }
}

function createOrchestrator(connection: DaemonConnection, name: string, endpoint: string) {
  return connection.request('orchestrators/create', {
    name,
    orchestrator_type: 'prompt_sending',
    // A held answer must not time out while the test keeps the disk full.
    parameters: {
      objective_target: { type: 'openai_chat', endpoint, model: 'mock', timeout_s: 300, max_retries: 0 },
      batch_size: 4,
    },
  });
}

async function start(connection: DaemonConnection, orchestratorId: string, prompts: string[]): Promise<string> {
  const started = await connection.request('executions/start', {
    orchestrator_id: orchestratorId,
    execution_type: 'prompt_list',
    input_data: { prompt_list: prompts },
  });
  return started.execution_id;
}

/** The stored end of a run (the live status can lead the stored one by a moment). */
function waitForRecordedEnd(connection: DaemonConnection, executionId: string): Promise<Execution> {
  return waitFor(
    `the end of ${executionId} to be recorded`,
    async () => {
      const execution = await waitForEnd(connection, executionId, 90_000);
      return execution.status !== 'failed' || execution.error !== null ? execution : undefined;
    },
    30_000,
  );
}

const prompts = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix} ${index}`);

describe('a full disk (tmpfs memory dir, real daemon, real DuckDB)', () => {
  it(
    "fails the run that hit it with a readable error, refuses writes DuckDB could not undo, and never aborts: another user's run goes on",
    { timeout: 240_000, skip: tmpfs.skip },
    async () => {
      tmpfs.assert();
      // Bob's answers after his first ten, and every one of Alice's big answers, wait until the test lets them go.
      const bobGate = new Gate();
      const aliceGate = new Gate();
      const model = await startMockOpenAi({
        reply: async (request: MockRequest): Promise<MockReply> => {
          const prompt = request.prompt ?? '';
          if (/^bob long \d\d/.test(prompt)) await bobGate.wait();
          if (prompt.startsWith('alice big')) {
            await aliceGate.wait();
            return `${'x'.repeat(64 * 1024)} ${prompt}`;
          }
          return `echo: ${prompt}`;
        },
      });
      const { daemon, disk, connect, died } = await startOnTmpfs('24m');
      try {
        const alice = await connect('alice');
        const bob = await connect('bob');
        const aliceRun = await createOrchestrator(alice, 'alice run', model.chatUrl);
        const bobRun = await createOrchestrator(bob, 'bob run', model.chatUrl);
        // Both files exist and have their schema before the disk fills.
        for (const [connection, id, who] of [
          [alice, aliceRun.id, 'alice'],
          [bob, bobRun.id, 'bob'],
        ] as const) {
          const early = await waitForEnd(connection, await start(connection, id, prompts(`${who} early`, 10)));
          assert.equal(early.status, 'completed', `${who}'s early run: ${early.error ?? ''}`);
        }

        // Bob's long run stores its first ten answers, then waits on the model for the other thirty.
        const bobLong = await start(bob, bobRun.id, prompts('bob long', 40));
        await waitFor('bob to store his first ten answers', async () => {
          const execution = await bob.request('executions/get', { execution_id: bobLong });
          return execution.progress.completed >= 10 && bobGate.waiting > 0 ? execution : undefined;
        });
        // Alice's run is recorded while there is space; its answers arrive once the disk is full.
        const aliceBig = await start(alice, aliceRun.id, prompts('alice big', 40));
        await waitFor('alice to be waiting on the model', () => aliceGate.waiting > 0 || undefined);

        disk.fill(0);
        // Rewriting a row (DuckDB's upsert, an UPDATE … RETURNING) whose COMMIT runs out of space part-way through
        // its log used to abort the process in DuckDB's undo. Payloads from 100 bytes to 5 KB cover the sizes
        // where that happened (the log's last page has room for the start, not the end). Each update is stored or
        // refused with a readable error; the disk is full, so not all of them can be stored.
        let refused = 0;
        for (let count = 1; count <= 50; count++) {
          const tags = Array.from({ length: count }, (_, index) => `${index}`.padEnd(100, 't'));
          try {
            await alice.request('orchestrators/update', { orchestrator_id: aliceRun.id, tags });
          } catch (error) {
            assert.ok(error instanceof DaemonError, `${count} tags: ${String(error)}\n${died()}`);
            assertReadableDiskError(error.message, `orchestrators/update with ${count} tags`);
            refused++;
          }
        }
        assert.ok(refused > 0, 'the full disk refused some update');
        assert.ok(daemon.alive, `the daemon survived the refused updates\n${died()}`);

        // Alice's answers now arrive on a full disk: her run ends failed, saying why.
        aliceGate.open();
        const aliceEnded = await waitForRecordedEnd(alice, aliceBig);
        assert.equal(aliceEnded.status, 'failed', JSON.stringify(aliceEnded));
        assert.ok(aliceEnded.progress.completed < 40, 'it did not pretend to finish');
        assertReadableDiskError(aliceEnded.error ?? '', "alice's run");
        assert.ok(daemon.alive, `the daemon survived alice's failed run\n${died()}`);
        const bobMeanwhile = await bob.request('executions/get', { execution_id: bobLong });
        assert.equal(bobMeanwhile.status, 'running', "bob's run goes on");

        // Space again: Bob's run finishes with every answer, and both users' next runs work.
        disk.release();
        bobGate.open();
        const bobEnded = await waitForEnd(bob, bobLong, 90_000);
        assert.equal(bobEnded.status, 'completed', JSON.stringify(bobEnded));
        const bobRows = await allResults(bob, bobLong);
        assert.equal(bobRows.total, 40);
        assert.ok(
          bobRows.items.every((item) => item.response?.converted_value === `echo: ${item.request.original_value}`),
        );
        for (const [connection, id, who] of [
          [alice, aliceRun.id, 'alice'],
          [bob, bobRun.id, 'bob'],
        ] as const) {
          const after = await waitForEnd(connection, await start(connection, id, prompts(`${who} after`, 5)));
          assert.equal(after.status, 'completed', `${who}'s run after the space came back: ${after.error ?? ''}`);
          const health = await connection.request('health/get');
          assert.equal(health.database.status, 'healthy', `${who}: ${JSON.stringify(health.database)}`);
        }
        // Alice's failed run is stored as failed, with its error, now that it could be written.
        const aliceStored = await alice.request('executions/get', { execution_id: aliceBig });
        assert.equal(aliceStored.status, 'failed');
        assertReadableDiskError(aliceStored.error ?? '', "alice's stored run");
        assert.ok(daemon.alive, died());
        alice.close();
        bob.close();
        await daemon.stop({ keepFiles: true });
        await assertFilesOpen(disk.dir);
      } catch (error) {
        throw died() ? new Error(died()) : error;
      } finally {
        await model.close();
        await stopOnTmpfs(daemon, disk);
      }
    },
  );

  it(
    'makes a memory file first created while the disk is full usable once there is space again',
    { timeout: 120_000, skip: tmpfs.skip },
    async () => {
      tmpfs.assert();
      const { daemon, disk, connect, died } = await startOnTmpfs('8m');
      try {
        disk.fill(0);
        const carol = await connect('carol');
        const dbPath = carol.info.user.db_path;
        await assert.rejects(carol.request('orchestrators/list'), (error: unknown) => {
          assert.ok(error instanceof DaemonError, String(error));
          assertReadableDiskError(error.message, 'the first use on a full disk');
          return true;
        });
        // DuckDB leaves an empty (or header-only) file behind when its first write fails.
        assert.ok(fs.existsSync(dbPath), 'the failed create left a file behind');
        assert.ok(fs.statSync(dbPath).size < 12 * 1024, `size ${fs.statSync(dbPath).size}`);
        assert.ok(daemon.alive, died());

        disk.release();
        const orchestrator = await carol.request('orchestrators/create', {
          name: 'after the full disk',
          orchestrator_type: 'prompt_sending',
          parameters: { objective_target: { type: 'echo', prefix: 'echo: ' } },
        });
        const ended = await waitForEnd(carol, await start(carol, orchestrator.id, prompts('carol', 5)));
        assert.equal(ended.status, 'completed', ended.error ?? '');
        const health = await carol.request('health/get');
        assert.equal(health.database.status, 'healthy', JSON.stringify(health.database));
        carol.close();
        await daemon.stop({ keepFiles: true });
        await assertFilesOpen(disk.dir);
      } catch (error) {
        throw died() ? new Error(died()) : error;
      } finally {
        await stopOnTmpfs(daemon, disk);
      }
    },
  );
});
