import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PoolExhaustedError } from '../../domain/errors';
import { poolHarness, type FakeOrchestrator } from './poolHarness';

const minute = 60_000;

describe('OrchestratorPool eviction', () => {
  it('disposes an idle instance once its TTL has passed since the last release', async () => {
    const { pool, clock, creator, disposed } = poolHarness({ ttlMinutes: 30 });
    const lease = await pool.acquire('k', creator('k'));
    await clock.advance(60 * minute);
    assert.equal(disposed.length, 0, 'leased: the TTL has not started');
    lease.release();
    await clock.advance(29 * minute);
    assert.equal(disposed.length, 0);
    await clock.advance(2 * minute);
    assert.deepEqual(disposed, [lease.instance]);
    assert.equal(pool.stats().total_instances, 0);
    assert.equal(pool.stats().evictions, 1);
  });

  it('never disposes a leased instance, however long it is held', async () => {
    const { pool, clock, creator, disposed } = poolHarness({ ttlMinutes: 1 });
    const lease = await pool.acquire('k', creator('k'));
    await clock.advance(24 * 60 * minute);
    assert.equal(disposed.length, 0);
    assert.equal(pool.stats().total_instances, 1);
    lease.release();
  });

  it('treats an instance past its TTL as gone even before the sweeper runs', async () => {
    const { pool, clock, creator, disposed, creates } = poolHarness({ ttlMinutes: 1, sweepIntervalMs: 10 * minute });
    (await pool.acquire('k', creator('k'))).release();
    await clock.advance(2 * minute);
    const lease = await pool.acquire('k', creator('k'));
    assert.equal(creates(), 2);
    assert.equal(disposed.length, 1);
    assert.notEqual(lease.instance, disposed[0]);
  });

  it('evicts the least recently used idle instance for room, never a leased one', async () => {
    const { pool, clock, creator, disposed } = poolHarness({ maxInstances: 3 });
    const held = await pool.acquire('held', creator('held'));
    await clock.advance(1000);
    const older = await pool.acquire('older', creator('older'));
    await clock.advance(1000);
    const newer = await pool.acquire('newer', creator('newer'));
    await clock.advance(1000);
    older.release();
    await clock.advance(1000);
    newer.release();

    const fresh = await pool.acquire('fresh', creator('fresh'));
    await clock.advance(0);
    assert.deepEqual(
      disposed.map((instance) => instance.key),
      ['older'],
    );
    assert.equal(pool.stats().evictions, 1);
    assert.equal(pool.stats().total_instances, 3);
    held.release();
    fresh.release();
  });

  it('waits for a leased instance to be released when every slot is leased', async () => {
    const { pool, clock, creator, disposed } = poolHarness({ maxInstances: 1, acquireTimeoutMs: 5000 });
    const busy = await pool.acquire('a', creator('a'));
    const waiting = pool.acquire('b', creator('b'));
    await clock.advance(1000);
    assert.equal(pool.activity().waiting, 1);
    assert.equal(disposed.length, 0);

    busy.release();
    const lease = await waiting;
    assert.equal(lease.instance.key, 'b');
    assert.deepEqual(
      disposed.map((instance) => instance.key),
      ['a'],
    );
  });

  it('fails with PoolExhausted after the bound when nothing is released', async () => {
    const { pool, clock, creator, disposed } = poolHarness({ maxInstances: 2, acquireTimeoutMs: 5000 });
    const leases = [await pool.acquire('a', creator('a')), await pool.acquire('b', creator('b'))];
    assert.equal(pool.status(), 'warning');

    const waiting = pool.acquire('c', creator('c'));
    const outcome = assert.rejects(waiting, (error: unknown) => {
      assert.ok(error instanceof PoolExhaustedError);
      assert.equal(error.kind, 'PoolExhausted');
      assert.deepEqual(error.data, { max_instances: 2, leased: 2 });
      assert.match(error.message, /ORCHESTRATOR_POOL_SIZE/);
      return true;
    });
    await clock.advance(4999);
    assert.equal(pool.activity().waiting, 1);
    await clock.advance(1);
    await outcome;
    assert.equal(pool.activity().waiting, 0);
    assert.equal(disposed.length, 0);
    for (const lease of leases) lease.release();
  });

  it('still serves a key that is already pooled when the pool is full', async () => {
    const { pool, creator } = poolHarness({ maxInstances: 1, acquireTimeoutMs: 0 });
    const first = await pool.acquire('a', creator('a'));
    const second = await pool.acquire('a', creator('a'));
    assert.equal(second.instance, first.instance);
    await assert.rejects(pool.acquire('b', creator('b')), /All 1 orchestrator instances are in use/);
  });

  it('counts a creation in flight against the size', async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 1, acquireTimeoutMs: 100 });
    let finish: () => void = () => {};
    const slowCreate = () =>
      new Promise<FakeOrchestrator>((resolve) => (finish = () => resolve({ id: 0, key: 'slow' })));
    const slow = pool.acquire('slow', slowCreate);
    const other = pool.acquire('other', creator('other'));
    await clock.advance(0);
    assert.deepEqual([pool.activity().creating, pool.activity().waiting], [1, 1]);
    finish();
    (await slow).release();
    const lease = await other;
    assert.equal(lease.instance.key, 'other');
  });
});
