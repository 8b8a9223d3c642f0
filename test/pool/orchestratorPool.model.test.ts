import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import type { Lease } from '../../daemon/pool/lease';
import { poolHarness, type FakeOrchestrator } from './poolHarness';

type Step =
  { kind: 'acquire'; key: number } | { kind: 'release'; lease: number } | { kind: 'advance'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('acquire' as const), key: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('release' as const), lease: fc.nat({ max: 20 }) }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.nat({ max: 20 }) }),
);

it('never disposes a leased instance, never disposes twice, never exceeds its size', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
      const { pool, clock, creator, disposed } = poolHarness({ maxInstances: 3, ttlMinutes: 10, acquireTimeoutMs: 0 });
      const held: Lease<FakeOrchestrator>[] = [];
      for (const current of steps) {
        if (current.kind === 'acquire') {
          const key = `k${current.key}`;
          try {
            const lease = await pool.acquire(key, creator(key));
            assert.equal(lease.instance.key, key);
            held.push(lease);
          } catch (error) {
            assert.equal((error as { kind?: unknown }).kind, 'PoolExhausted');
            assert.equal(pool.stats().leased, 3, 'exhausted only when every slot is leased');
          }
        } else if (current.kind === 'release') {
          held.splice(current.lease % Math.max(1, held.length), 1)[0]?.release();
        } else {
          await clock.advance(current.minutes * 60_000);
        }
        await clock.advance(0);
        const disposedNow = new Set(disposed);
        assert.equal(disposedNow.size, disposed.length, 'an instance was disposed twice');
        for (const lease of held) assert.ok(!disposedNow.has(lease.instance), 'a leased instance was disposed');
        assert.ok(pool.stats().total_instances <= 3);
      }
      for (const lease of held) lease.release();
      await pool.close();
    }),
    { numRuns: 200 },
  );
});
