import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RespawnBudget } from '../../../extension/daemonProcess/respawnBudget';
import { Backoff } from '../../../extension/daemonProcess/backoff';

test('at most 5 automatic respawns in 3 minutes; the window slides', () => {
  let now = 0;
  const budget = new RespawnBudget(5, 180_000, () => now);
  for (let i = 0; i < 5; i += 1) {
    now += 1000;
    assert.equal(budget.tryTake(), true, `respawn ${i + 1}`);
  }
  assert.equal(budget.tryTake(), false, 'the sixth within 3 minutes is refused');
  now = 1000 + 180_000; // the first respawn leaves the window
  assert.equal(budget.tryTake(), true);
  assert.equal(budget.tryTake(), false);
  budget.reset(); // a restart the user asked for
  assert.equal(budget.used, 0);
  assert.equal(budget.tryTake(), true);
});

test('backoff doubles up to its cap, with ±20 % jitter, and resets', () => {
  const middle = new Backoff(250, 4000, () => 0.5); // jitter factor exactly 1
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map(() => middle.next()),
    [250, 500, 1000, 2000, 4000, 4000],
  );
  middle.reset();
  assert.equal(middle.next(), 250);
  const low = new Backoff(1000, 8000, () => 0);
  const high = new Backoff(1000, 8000, () => 0.999999);
  assert.equal(low.next(), 800);
  assert.equal(high.next(), 1200);
});
