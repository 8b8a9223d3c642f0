import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PoolStats } from '../../protocol/schemas/health';
import { settle } from '../helpers/fakeClock';
import { poolHarness } from './poolHarness';

describe('OrchestratorPool lifecycle', () => {
  it('catches, logs and counts dispose errors', async () => {
    const { pool, clock, creator, logged } = poolHarness({
      ttlMinutes: 1,
      dispose: () => {
        throw new Error('socket already closed');
      },
    });
    (await pool.acquire('a', creator('a'))).release();
    (await pool.acquire('b', creator('b'))).release();
    await clock.advance(2 * 60_000);
    assert.equal(pool.stats().dispose_failures, 2);
    assert.equal(pool.stats().total_instances, 0);
    assert.equal(logged.filter((entry) => entry.level === 'error').length, 2);
  });

  it('counts dispose promises that reject too', async () => {
    const { pool, creator } = poolHarness({ dispose: async () => Promise.reject(new Error('nope')) });
    (await pool.acquire('a', creator('a'))).release();
    await pool.close();
    assert.equal(pool.stats().dispose_failures, 1);
  });

  it('reports the seed figures and the new ones', async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 4, ttlMinutes: 30 });
    const lease = await pool.acquire('a', creator('a'));
    await clock.advance(90_000);
    (await pool.acquire('b', creator('b'))).release();
    assert.deepEqual(pool.stats(), {
      total_instances: 2,
      max_instances: 4,
      ttl_minutes: 30,
      oldest_age_minutes: 1.5,
      leased: 1,
      hits: 0,
      misses: 2,
      evictions: 0,
      dispose_failures: 0,
    });
    assert.equal(pool.status(), 'healthy');
    lease.release();
  });

  it('fits the strict stats schema of health/orchestrators', async () => {
    const { pool, creator } = poolHarness();
    (await pool.acquire('a', creator('a'))).release();
    assert.deepEqual(PoolStats.parse(pool.stats()), pool.stats());
  });

  it('unrefs its sweeper and stops it on close', async () => {
    const { pool, clock, creator } = poolHarness();
    (await pool.acquire('a', creator('a'))).release();
    assert.equal(clock.unrefCount, 1);
    assert.equal(clock.pendingTimers, 1);
    await pool.close();
    assert.equal(clock.pendingTimers, 0);
  });

  it('sets no timer while it holds nothing, so an idle daemon is not woken', async () => {
    const { pool, clock, creator, disposed } = poolHarness({ ttlMinutes: 1 });
    assert.equal(clock.pendingTimers, 0, 'an empty pool has nothing to sweep');
    (await pool.acquire('a', creator('a'))).release();
    (await pool.acquire('b', creator('b'))).release();
    assert.equal(clock.pendingTimers, 1, 'one sweeper, however many instances');
    await clock.advance(2 * 60_000);
    assert.equal(disposed.length, 2);
    assert.equal(clock.pendingTimers, 0, 'the sweep that emptied the pool arms no next one');
    (await pool.acquire('c', creator('c'))).release();
    assert.equal(clock.pendingTimers, 1, 'the next instance arms it again');
    await clock.advance(2 * 60_000);
    assert.deepEqual(
      disposed.map((instance) => instance.key),
      ['a', 'b', 'c'],
    );
    await pool.close();
  });

  it('tells its listeners when its status changes, once per change', async () => {
    const { pool, clock, creator } = poolHarness({ maxInstances: 2, ttlMinutes: 1 });
    const told: string[] = [];
    pool.onStatusChange((status) => told.push(status));
    (await pool.acquire('a', creator('a'))).release();
    await settle();
    assert.deepEqual(told, []);
    const held = await pool.acquire('b', creator('b'));
    await settle();
    assert.deepEqual(told, ['warning'], 'the last slot taken');
    // At capacity a new key evicts the idle one and takes its slot in one step: no change to tell.
    (await pool.acquire('c', creator('c'))).release();
    await settle();
    assert.equal(pool.stats().evictions, 1);
    assert.deepEqual(told, ['warning']);
    held.release();
    await clock.advance(2 * 60_000);
    assert.equal(pool.stats().total_instances, 0);
    assert.deepEqual(told, ['warning', 'healthy'], 'slots freed by the sweeper');
    await pool.close();
  });

  it('on close disposes the idle, keeps the leased until released, and refuses new acquires', async () => {
    const { pool, creator, disposed } = poolHarness();
    const held = await pool.acquire('held', creator('held'));
    (await pool.acquire('idle', creator('idle'))).release();
    await pool.close();
    assert.deepEqual(
      disposed.map((instance) => instance.key),
      ['idle'],
    );
    await assert.rejects(pool.acquire('x', creator('x')), /closed/);
    held.release();
    await pool.close();
    assert.deepEqual(
      disposed.map((instance) => instance.key),
      ['idle', 'held'],
    );
  });

  it('fails waiting acquires on close', async () => {
    const { pool, creator } = poolHarness({ maxInstances: 1 });
    const held = await pool.acquire('a', creator('a'));
    const waiting = pool.acquire('b', creator('b'));
    await pool.close();
    await assert.rejects(waiting, /closed/);
    held.release();
  });

  it('evictIdle disposes only what has no lease', async () => {
    const { pool, creator, disposed } = poolHarness();
    const held = await pool.acquire('held', creator('held'));
    (await pool.acquire('idle', creator('idle'))).release();
    assert.equal(pool.evictIdle(), 1);
    await pool.close();
    assert.deepEqual(
      disposed.map((instance) => instance.key),
      ['idle'],
    );
    held.release();
  });

  it('rejects sizes that make no sense', () => {
    assert.throws(() => poolHarness({ maxInstances: 0 }), RangeError);
    assert.throws(() => poolHarness({ ttlMinutes: -1 }), RangeError);
  });
});
