import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runEnding, type RunFigures, type RunStop, type RunEnding } from '../../daemon/orchestrators/engine/runEnding';

const figures = (overrides: Partial<RunFigures> = {}): RunFigures => ({
  total: 10,
  completed: 10,
  failed: 2,
  sent: 4,
  latencyTotalMs: 1000,
  earlierSeconds: 0,
  attemptMs: 1500,
  ...overrides,
});

const summary = (overrides: Partial<RunEnding['summary']> = {}): RunEnding['summary'] => ({
  total_prompts: 10,
  successful_prompts: 8,
  failed_prompts: 2,
  success_rate: 0.8,
  total_time_seconds: 1.5,
  avg_response_time_ms: 250,
  ...overrides,
});

const cases: { name: string; stop: RunStop; figures: RunFigures; expected: RunEnding }[] = [
  {
    name: 'a run that went through every item completes, failed items included',
    stop: { reason: 'finished' },
    figures: figures(),
    expected: { status: 'completed', summary: summary() },
  },
  {
    name: 'a cancelled run counts what it answered against the whole input',
    stop: { reason: 'cancelled' },
    figures: figures({ completed: 3, failed: 1 }),
    expected: {
      status: 'cancelled',
      summary: summary({ successful_prompts: 2, failed_prompts: 1, success_rate: 0.2 }),
    },
  },
  {
    name: 'a run stopped by a daemon shutdown is interrupted',
    stop: { reason: 'interrupted' },
    figures: figures({ completed: 5, failed: 0 }),
    expected: {
      status: 'interrupted',
      summary: summary({ successful_prompts: 5, failed_prompts: 0, success_rate: 0.5 }),
    },
  },
  {
    name: 'a failed run keeps its error beside the figures; it timed no sends',
    stop: { reason: 'failed', error: 'disk full' },
    figures: figures({ completed: 4, failed: 0, sent: 0, latencyTotalMs: 0 }),
    expected: {
      status: 'failed',
      summary: summary({
        successful_prompts: 4,
        failed_prompts: 0,
        success_rate: 0.4,
        avg_response_time_ms: 0,
        error: 'disk full',
      }),
    },
  },
  {
    name: 'a failure without a message stores no error',
    stop: { reason: 'failed', error: '' },
    figures: figures(),
    expected: { status: 'failed', summary: summary() },
  },
  {
    name: 'a failure whose thrown value had no message stores no error',
    stop: { reason: 'failed', error: undefined },
    figures: figures(),
    expected: { status: 'failed', summary: summary() },
  },
  {
    name: 'a resumed run adds its time to the earlier attempts; the average covers this attempt only',
    stop: { reason: 'finished' },
    figures: figures({ earlierSeconds: 2.5, sent: 2, latencyTotalMs: 300 }),
    expected: { status: 'completed', summary: summary({ total_time_seconds: 4, avg_response_time_ms: 150 }) },
  },
  {
    name: 'an empty input has a success rate of 0, not NaN',
    stop: { reason: 'finished' },
    figures: figures({ total: 0, completed: 0, failed: 0, sent: 0, latencyTotalMs: 0, attemptMs: 0 }),
    expected: {
      status: 'completed',
      summary: {
        total_prompts: 0,
        successful_prompts: 0,
        failed_prompts: 0,
        success_rate: 0,
        total_time_seconds: 0,
        avg_response_time_ms: 0,
      },
    },
  },
];

describe('runEnding', () => {
  for (const { name, stop, figures: input, expected } of cases) {
    it(name, () => {
      assert.deepEqual(runEnding(stop, input), expected);
    });
  }

  it('lays the summary out in the order clients and older files have always seen', () => {
    const { summary: stored } = runEnding({ reason: 'failed', error: 'boom' }, figures());
    assert.deepEqual(Object.keys(stored), [
      'total_prompts',
      'successful_prompts',
      'failed_prompts',
      'success_rate',
      'total_time_seconds',
      'avg_response_time_ms',
      'error',
    ]);
  });
});
