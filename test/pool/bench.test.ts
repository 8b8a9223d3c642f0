import assert from 'node:assert/strict';
import { it } from 'node:test';
import { benchPool } from '../../daemon/pool/bench';

it('benchPool creates once under 1000 concurrent acquires and times the hit path', async () => {
  const figures = await benchPool();
  assert.equal(figures['pool.creates_under_1000_concurrent'], 1);
  assert.ok(figures['pool.hit_us'] > 0 && Number.isFinite(figures['pool.hit_us']));
});
