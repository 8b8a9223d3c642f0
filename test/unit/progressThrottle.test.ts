import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProgressThrottle } from '../../daemon/orchestrators/engine/progressThrottle';
import { FakeClock } from '../helpers/fakeClock';

function throttled(): { throttle: ProgressThrottle; clock: FakeClock; published: number[] } {
  const clock = new FakeClock();
  const published: number[] = [];
  const throttle = new ProgressThrottle(() => published.push(clock.now()), 250, clock);
  return { throttle, clock, published };
}

describe('ProgressThrottle', async () => {
  it('publishes the first change at once, then at most once per interval, the last change included', async () => {
    const { throttle, clock, published } = throttled();
    throttle.changed();
    await clock.advance(10);
    throttle.changed();
    await clock.advance(10);
    throttle.changed();
    assert.deepEqual(published, [0], 'changes inside the interval wait');
    await clock.advance(250);
    assert.deepEqual(published, [0, 260], 'one publish for both waiting changes, an interval after the first');
    await clock.advance(1000);
    assert.deepEqual(published, [0, 260], 'nothing changed, nothing published');
  });

  it('publishes at once again when the last publish is an interval old', async () => {
    const { throttle, clock, published } = throttled();
    throttle.changed();
    await clock.advance(300);
    throttle.changed();
    assert.deepEqual(published, [0, 300]);
    assert.equal(clock.pendingTimers, 0);
  });

  it('stop drops a waiting publish; publishNow sends the final figures regardless of the interval', async () => {
    const { throttle, clock, published } = throttled();
    throttle.changed();
    throttle.changed();
    throttle.stop();
    await clock.advance(500);
    assert.deepEqual(published, [0]);
    throttle.publishNow();
    assert.deepEqual(published, [0, 500]);
  });

  it('a publishNow while a publish waits sends once: the waiting one is dropped, not repeated after the end', async () => {
    const { throttle, clock, published } = throttled();
    throttle.changed();
    throttle.changed();
    await clock.advance(100);
    throttle.publishNow();
    await clock.advance(1000);
    assert.deepEqual(published, [0, 100]);
    assert.equal(clock.pendingTimers, 0);
  });
});
