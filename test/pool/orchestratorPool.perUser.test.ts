import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PoolExhaustedError } from '../../domain/errors';
import { poolKey } from '../../daemon/pool/poolKey';
import { promiseState } from '../helpers/fakeClock';
import { poolHarness } from './poolHarness';

/**
 * One user's long runs must not starve another user (issue 13, item 9): past its share (ORCHESTRATOR_POOL_PER_USER)
 * a user takes no slot while another user waits for one, and never the last free one.
 */
const keyOf = (user: string, config: number): string =>
  poolKey({ user, orchestrator_type: 'prompt_sending', parameters: { config } });

describe('OrchestratorPool: each user’s share', () => {
  it("keeps the last free slot for another user when one user's runs fill the pool", async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 4, maxInstancesPerUser: 2, acquireTimeoutMs: 30_000 });
    const alice = [0, 1, 2].map((config) => keyOf('alice', config));
    const leases = await Promise.all(alice.map((key) => pool.acquire(key, creator(key))));
    // Past her share, Alice may still use room nobody else needs — but not the last slot.
    const fourth = pool.acquire(keyOf('alice', 3), creator(keyOf('alice', 3)));
    await clock.advance(1000);
    assert.equal(await promiseState(fourth), 'pending');

    const bobAcquire = pool.acquire(keyOf('bob', 0), creator(keyOf('bob', 0)));
    assert.equal(await promiseState(bobAcquire), 'resolved', 'Bob gets the slot Alice left');
    const bob = await bobAcquire;
    assert.equal(pool.stats().total_instances, 4);

    // One run ending leaves her at her share, the freed slot the last free one: still kept. Below her share, she
    // gets it.
    leases[0]?.release();
    assert.equal(await promiseState(fourth), 'pending');
    leases[1]?.release();
    const late = await fourth;
    assert.equal(late.instance.key, keyOf('alice', 3));
    for (const lease of [...leases, bob, late]) lease.release();
  });

  it('gives a slot that frees up to a waiting user under their share before a user past it', async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 2, maxInstancesPerUser: 1, acquireTimeoutMs: 30_000 });
    const alice = await pool.acquire(keyOf('alice', 0), creator(keyOf('alice', 0)));
    const bob = await pool.acquire(keyOf('bob', 0), creator(keyOf('bob', 0)));
    const aliceMore = pool.acquire(keyOf('alice', 1), creator(keyOf('alice', 1)));
    await clock.advance(1000);
    const carol = pool.acquire(keyOf('carol', 0), creator(keyOf('carol', 0)));
    await clock.advance(1000);
    assert.equal(pool.activity().waiting, 2);

    bob.release();
    assert.equal(await promiseState(carol), 'resolved', 'Carol, who held nothing, gets the freed slot');
    assert.equal((await carol).instance.key, keyOf('carol', 0));
    assert.equal(await promiseState(aliceMore), 'pending', 'Alice already holds her share; Carol held none');
    alice.release();
    assert.equal((await aliceMore).instance.key, keyOf('alice', 1));
  });

  it('lets one user share an instance they already lease, whatever their share', async () => {
    const { pool, creator, creates } = poolHarness({ maxInstances: 2, maxInstancesPerUser: 1 });
    const key = keyOf('alice', 0);
    const first = await pool.acquire(key, creator(key));
    const second = await pool.acquire(key, creator(key));
    assert.equal(second.instance, first.instance);
    assert.equal(creates(), 1);
    first.release();
    second.release();
  });

  it('counts taking back an idle instance as taking a slot', async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 2, maxInstancesPerUser: 1, acquireTimeoutMs: 30_000 });
    const idleKey = keyOf('alice', 1);
    (await pool.acquire(idleKey, creator(idleKey))).release();
    const running = await pool.acquire(keyOf('alice', 0), creator(keyOf('alice', 0)));
    const again = pool.acquire(idleKey, creator(idleKey));
    await clock.advance(1000);
    assert.equal(await promiseState(again), 'pending', 'the idle instance is the room Bob would get');
    const bob = await pool.acquire(keyOf('bob', 0), creator(keyOf('bob', 0)));
    running.release();
    await again;
    bob.release();
  });

  it('fails an acquire past the share after the timeout, saying why', async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 2, maxInstancesPerUser: 1, acquireTimeoutMs: 5000 });
    const held = await pool.acquire(keyOf('alice', 0), creator(keyOf('alice', 0)));
    const more = pool.acquire(keyOf('alice', 1), creator(keyOf('alice', 1)));
    const failed = assert.rejects(more, (error: unknown) => {
      assert.ok(error instanceof PoolExhaustedError);
      assert.match(error.message, /ORCHESTRATOR_POOL_PER_USER/);
      assert.deepEqual(error.data, { max_instances: 2, leased: 1, per_user: 1, held_by_you: 1 });
      return true;
    });
    await clock.advance(5000);
    await failed;
    held.release();
  });

  it('lets a lone user use the whole pool when the share is the pool', async () => {
    const { pool, creator } = poolHarness({ maxInstances: 3, maxInstancesPerUser: 3 });
    const keys = [0, 1, 2].map((config) => keyOf('alice', config));
    const leases = await Promise.all(keys.map((key) => pool.acquire(key, creator(key))));
    assert.equal(pool.stats().leased, 3);
    for (const lease of leases) lease.release();
  });
});
