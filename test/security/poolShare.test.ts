import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';

/**
 * One user's long runs against another user's launch (issue 13, item 9): with a pool of 2, Alice's share is 1.
 * Alice's second run must wait rather than take the last slot, so that Bob's launch gets an instance instead of
 * PoolExhausted after 30 s; Alice's waiting launch goes on once her first run ends.
 */
type Started = ResultOf<'executions/start'>;

function launchLong(connection: DaemonConnection, name: string): Promise<Started> {
  return connection
    .request('orchestrators/create', {
      name,
      orchestrator_type: 'prompt_sending',
      // A distinct prefix makes a distinct config, so each run needs an instance of its own.
      parameters: { objective_target: { type: 'echo', prefix: name, delay_ms: 60_000 }, batch_size: 1 },
    })
    .then((orchestrator) =>
      connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: ['a long one'] },
      }),
    );
}

describe("pool: one user's runs leave room for another user (real daemon)", () => {
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let bob: DaemonConnection;
  before(async () => {
    daemon = await DaemonHarness.start({ env: { ORCHESTRATOR_POOL_SIZE: '2' } });
    alice = await daemon.connect('alice');
    bob = await daemon.connect('bob');
  });
  after(async () => {
    alice.close();
    bob.close();
    await daemon.stop();
  });

  it("gives Bob an instance while Alice's runs hold her share", { timeout: 90_000 }, async () => {
    const first = await launchLong(alice, 'alice one');
    let second: Started | undefined;
    const secondLaunch = launchLong(alice, 'alice two').then((started) => (second = started));
    // Alice's second launch either took the last slot (what let her starve Bob) or queued for one, as the log says.
    await waitFor(
      "Alice's second launch to start or queue",
      () => second !== undefined || daemon.output.join('').includes('waits for a slot'),
    );

    const bobs = await bob.request('executions/get', {
      execution_id: (await launchLong(bob, 'bob one')).execution_id,
    });
    assert.equal(bobs.status, 'running');
    assert.equal(second, undefined, 'Alice took the last slot while she already held her share');

    await alice.request('executions/cancel', { execution_id: first.execution_id });
    const later = await secondLaunch;
    await alice.request('executions/cancel', { execution_id: later.execution_id });
    await bob.request('executions/cancel', { execution_id: bobs.execution_id });
  });
});
