import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { poolKey } from '../../daemon/pool/poolKey';
import { settle } from '../helpers/fakeClock';
import { poolHarness } from './poolHarness';

describe('OrchestratorPool reuse', () => {
  it('serves the same config twice from one instance', async () => {
    const { pool, creator, creates } = poolHarness();
    const key = poolKey({ user: 'alice', orchestrator_type: 'prompt_sending', parameters: { batch_size: 2 } });

    const first = await pool.acquire(key, creator(key));
    first.release();
    const second = await pool.acquire(key, creator(key));

    assert.equal(second.instance, first.instance);
    assert.equal(creates(), 1);
    assert.equal(pool.stats().hits, 1);
    assert.equal(pool.stats().misses, 1);
    second.release();
  });

  it('lets one instance be leased many times at once', async () => {
    const { pool, creator } = poolHarness();
    const a = await pool.acquire('k', creator('k'));
    const b = await pool.acquire('k', creator('k'));
    assert.equal(a.instance, b.instance);
    assert.equal(pool.stats().leased, 1);
    a.release();
    assert.equal(pool.stats().leased, 1, 'still leased by b');
    b.release();
    assert.equal(pool.stats().leased, 0);
  });

  it('creates a missing key once under 200 concurrent acquires', async () => {
    const { pool, creator, creates } = poolHarness();
    const leases = await Promise.all(Array.from({ length: 200 }, () => pool.acquire('k', creator('k'))));
    assert.equal(creates(), 1);
    assert.equal(new Set(leases.map((lease) => lease.instance)).size, 1);
    assert.deepEqual([pool.stats().misses, pool.stats().hits], [1, 199]);
    for (const lease of leases) lease.release();
  });

  it('gives every waiter of a failed create the error, caches nothing, and retries on the next acquire', async () => {
    const { pool, creator } = poolHarness();
    let attempts = 0;
    const failing = async () => {
      attempts += 1;
      await settle();
      throw new Error('target unreachable');
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => pool.acquire('k', failing)));
    assert.equal(attempts, 1);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.match(String(result.status === 'rejected' && result.reason), /target unreachable/);
    }
    assert.equal(pool.stats().total_instances, 0);
    assert.equal(pool.activity().creating, 0);

    const lease = await pool.acquire('k', creator('k'));
    assert.equal(lease.instance.id, 1);
    lease.release();
  });

  it('does not cache a create that throws synchronously', async () => {
    const { pool, creator } = poolHarness();
    const throwsAtOnce = (): Promise<never> => {
      throw new Error('bad config');
    };
    await assert.rejects(pool.acquire('k', throwsAtOnce), /bad config/);
    const lease = await pool.acquire('k', creator('k'));
    assert.equal(lease.instance.key, 'k');
  });

  it('makes release idempotent', async () => {
    const { pool, creator } = poolHarness();
    const a = await pool.acquire('k', creator('k'));
    const b = await pool.acquire('k', creator('k'));
    a.release();
    a.release();
    pool.release(a);
    assert.equal(pool.stats().leased, 1, 'a second release of a must not release b');
    b.release();
  });
});
