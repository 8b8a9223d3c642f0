import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runEnding, type RunFigures, type RunStop, type RunEnding } from '../../daemon/orchestrators/engine/runEnding';

const figures = (overrides: Partial<RunFigures> = {}): RunFigures => ({
  total: 10,
  outcomes: { success: 2, failure: 6, error: 0, undetermined: 2 },
  sent: 4,
  latencyTotalMs: 1000,
  earlierSeconds: 0,
  attemptMs: 1500,
  ...overrides,
});

const summary = (overrides: Partial<RunEnding['summary']> = {}): RunEnding['summary'] => ({
  total_prompts: 10,
  total_time_seconds: 1.5,
  avg_response_time_ms: 250,
  ...overrides,
});

const ALL_ERRORED =
  'Every one of the 10 prompts errored: the target (or a model the attack needs) did not answer. Their outcome reasons say why.';

const cases: { name: string; stop: RunStop; figures: RunFigures; expected: RunEnding }[] = [
  {
    name: 'a run answered without error completes, whatever the scorers said',
    stop: { reason: 'finished' },
    figures: figures(),
    expected: { status: 'completed', summary: summary() },
  },
  {
    name: 'a run of no prompts completes',
    stop: { reason: 'finished' },
    figures: figures({ total: 0, outcomes: { success: 0, failure: 0, error: 0, undetermined: 0 }, sent: 0 }),
    expected: { status: 'completed', summary: summary({ total_prompts: 0, avg_response_time_ms: 0 }) },
  },
  {
    name: 'some errors: completed_with_errors',
    stop: { reason: 'finished' },
    figures: figures({ outcomes: { success: 1, failure: 6, error: 3, undetermined: 0 } }),
    expected: { status: 'completed_with_errors', summary: summary() },
  },
  {
    name: 'every prompt errored: failed, with a reason, never green',
    stop: { reason: 'finished' },
    figures: figures({ outcomes: { success: 0, failure: 0, error: 10, undetermined: 0 } }),
    expected: { status: 'failed', summary: summary({ error: ALL_ERRORED }) },
  },
  {
    name: 'a cancelled run is cancelled, errors or not',
    stop: { reason: 'cancelled' },
    figures: figures({ outcomes: { success: 0, failure: 0, error: 3, undetermined: 0 } }),
    expected: { status: 'cancelled', summary: summary() },
  },
  {
    name: 'a run stopped by a daemon shutdown is interrupted',
    stop: { reason: 'interrupted' },
    figures: figures(),
    expected: { status: 'interrupted', summary: summary() },
  },
  {
    name: 'a failed run keeps its error beside the figures; it timed no sends',
    stop: { reason: 'failed', error: 'disk full' },
    figures: figures({ sent: 0, latencyTotalMs: 0 }),
    expected: { status: 'failed', summary: summary({ avg_response_time_ms: 0, error: 'disk full' }) },
  },
  {
    name: 'a failure without a message stores no error',
    stop: { reason: 'failed', error: '' },
    figures: figures(),
    expected: { status: 'failed', summary: summary() },
  },
  {
    name: 'a resumed run adds its time to the earlier attempts; the average covers this attempt only',
    stop: { reason: 'finished' },
    figures: figures({ earlierSeconds: 2, attemptMs: 500, sent: 2, latencyTotalMs: 300 }),
    expected: { status: 'completed', summary: summary({ total_time_seconds: 2.5, avg_response_time_ms: 150 }) },
  },
];

describe('runEnding', () => {
  for (const { name, stop, figures: given, expected } of cases) {
    it(name, () => assert.deepEqual(runEnding(stop, given), expected));
  }
});
