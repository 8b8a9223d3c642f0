import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';

/**
 * User B against user A's objects, for what test/daemon/executions.test.ts does not already cover: debug info and
 * database health, resume, update, results/summary, executions/list filtered by A's orchestrator, and delete of an
 * ended execution's orchestrator. Every refusal must be NotFound (A's objects are invisible, not "forbidden"), and
 * A's objects must be untouched afterwards.
 */
const notFound = (error: unknown) => error instanceof DaemonError && error.code === -32011;

describe('user isolation (real daemon)', () => {
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let bob: DaemonConnection;
  before(async () => {
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
    bob = await daemon.connect('bob');
  });
  after(async () => {
    alice.close();
    bob.close();
    await daemon.stop();
  });

  it("B's debug/info and health/database name B's own database, never A's", async () => {
    // Make A's file exist so there is something to leak.
    await alice.request('orchestrators/create', {
      name: 'exists',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo' } },
    });
    const aliceInfo = await alice.request('debug/info');
    const bobInfo = await bob.request('debug/info');
    assert.equal(aliceInfo.username, 'alice');
    assert.equal(bobInfo.username, 'bob');
    assert.equal(bobInfo.db_path, bob.info.user.db_path);
    assert.notEqual(bobInfo.db_path, aliceInfo.db_path);
    const aliceFile = path.basename(aliceInfo.db_path);
    const bobText = JSON.stringify(bobInfo);
    assert.ok(!bobText.includes(aliceFile), `B's debug info mentions A's file ${aliceFile}: ${bobText}`);
    assert.ok(!bobText.includes('alice'), "B's debug info mentions A's name");
    const bobHealth = JSON.stringify(await bob.request('health/database'));
    assert.ok(!bobHealth.includes(aliceFile), "B's database health mentions A's file");
    const bobFull = JSON.stringify(await bob.request('health/get'));
    assert.ok(!bobFull.includes(aliceFile), "B's health/get mentions A's file");
  });

  it("B cannot resume, update, summarise, filter by or delete A's objects, and A's objects are untouched", async () => {
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'private run',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo', delay_ms: 30 }, batch_size: 2 },
    });
    // Long enough (~3 s) that the cancel below lands mid-run even on a loaded machine; 40 prompts once finished first.
    const prompts = Array.from({ length: 200 }, (_, index) => `isolated ${index}`);
    const { execution_id: executionId } = await alice.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: prompts },
    });
    await waitFor('some progress', async () =>
      (await alice.request('executions/get', { execution_id: executionId })).progress.completed >= 4 ? true : undefined,
    );
    const cancelled = await alice.request('executions/cancel', { execution_id: executionId });
    assert.equal(cancelled.status, 'cancelled');

    await assert.rejects(bob.request('executions/resume', { execution_id: executionId }), notFound);
    await assert.rejects(
      bob.request('executions/resume', { execution_id: executionId, secrets: { k: 'v' } }),
      notFound,
    );
    await assert.rejects(
      bob.request('orchestrators/update', { orchestrator_id: orchestrator.id, name: 'hijacked' }),
      notFound,
    );
    await assert.rejects(
      bob.request('orchestrators/update', {
        orchestrator_id: orchestrator.id,
        parameters: { objective_target: { type: 'echo', prefix: 'owned' } },
      }),
      notFound,
    );
    await assert.rejects(
      bob.request('orchestrators/update', { orchestrator_id: orchestrator.id, tags: ['x'] }),
      notFound,
    );
    await assert.rejects(bob.request('results/summary', { execution_id: executionId }), notFound);
    await assert.rejects(bob.request('results/list', { execution_id: executionId, limit: 500 }), notFound);
    assert.deepEqual((await bob.request('executions/list', { orchestrator_id: orchestrator.id })).executions, []);
    assert.deepEqual((await bob.request('executions/list', { status: 'cancelled' })).executions, []);
    await assert.rejects(bob.request('orchestrators/delete', { orchestrator_id: orchestrator.id }), notFound);

    // Nothing of A's changed: still cancelled (B's resume did not start it), same name, same parameters.
    const stillCancelled = await alice.request('executions/get', { execution_id: executionId });
    assert.equal(stillCancelled.status, 'cancelled');
    assert.equal(stillCancelled.progress.completed, cancelled.progress.completed);
    const same = await alice.request('orchestrators/get', { orchestrator_id: orchestrator.id });
    assert.equal(same.name, 'private run');
    assert.deepEqual(same.tags, orchestrator.tags);
    assert.deepEqual(same.parameters, orchestrator.parameters);

    // A can still resume it to the end.
    await alice.request('executions/resume', { execution_id: executionId });
    const done = await waitFor(
      "A's run to complete",
      async () => {
        const execution = await alice.request('executions/get', { execution_id: executionId });
        return execution.status === 'running' ? undefined : execution;
      },
      60_000,
    );
    assert.equal(done.status, 'completed');
    assert.equal(done.progress.completed, prompts.length);
    // B's summary is still refused once it has ended, and B's listings stay empty.
    await assert.rejects(bob.request('results/summary', { execution_id: executionId }), notFound);
    assert.deepEqual((await bob.request('orchestrators/list')).orchestrators, []);
    assert.deepEqual((await bob.request('executions/list')).executions, []);
    // Deleting B's view of it failed; A can delete it.
    assert.deepEqual(await alice.request('orchestrators/delete', { orchestrator_id: orchestrator.id }), {
      deleted: true,
    });
  });
});
