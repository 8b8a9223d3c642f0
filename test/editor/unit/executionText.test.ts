import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hasErrorsToRetry,
  headline,
  isResumable,
  progressText,
  ratesText,
  STATUS_LABELS,
  summaryText,
  unitOf,
  usageLines,
} from '../../../extension/tree/executionText';
import { execution } from './fixtures';

test('an ended run leads with its headline, then its status', () => {
  const run = execution({ success: 3, failure: 35, error: 2 }, { status: 'completed_with_errors' });
  assert.equal(headline(run), '3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts');
  assert.equal(progressText(run), '3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts · completed with errors');
  assert.equal(ratesText(run), 'attack success rate 7.9% · error rate 5.0% · response rate 95.0%');
  assert.equal(summaryText(run), '38 of 40 answered (95.0%) · avg 42 ms · 3.2 s');
});

test('a run in which every prompt errored reads as failed, with no attack success rate', () => {
  const run = execution({ error: 12 }, { status: 'failed', error: null });
  assert.equal(progressText(run), 'none judged · 12 errors · 12 prompts · failed');
  assert.equal(ratesText(run), 'attack success rate n/a · error rate 100.0% · response rate 0.0%');
  assert.equal(hasErrorsToRetry(run), true);
  assert.equal(isResumable(run), true);
});

test('a running run shows its progress and its errors; its planned size counts in the headline', () => {
  const run = execution(
    { success: 1, failure: 13, error: 2 },
    { status: 'running', progress: { completed: 16, total: 40, errors: 2 }, execution_summary: null },
    40,
  );
  assert.equal(progressText(run), '40% · 16/40 · 2 errors');
  assert.equal(headline(run), '1 of 14 judged jailbroken (7.1%) · 2 errors · 16 of 40 prompts');
  assert.equal(summaryText(run), undefined);
  assert.equal(hasErrorsToRetry(run), false, 'a running run cannot be retried yet');
});

test('attack runs count objectives, prompt_sending runs count prompts', () => {
  for (const attack of [
    'red_teaming',
    'crescendo',
    'tap',
    'pair',
    'many_shot',
    'skeleton_key',
    'multi_prompt_sending',
    'flip',
  ])
    assert.equal(unitOf(attack), 'objective', attack);
  assert.equal(unitOf('prompt_sending'), 'prompt');
  assert.equal(unitOf(undefined), 'prompt');
  assert.equal(headline(execution({ success: 1 }), 'objective'), '1 of 1 judged jailbroken (100.0%) · 1 objective');
});

test('which ended runs Resume and Retry Errors are offered for', () => {
  const completed = execution({ failure: 4 });
  assert.equal(isResumable(completed), false);
  assert.equal(hasErrorsToRetry(completed), false);
  const withErrors = execution({ failure: 3, error: 1 }, { status: 'completed_with_errors' });
  assert.equal(isResumable(withErrors), false, 'nothing is left unsent');
  assert.equal(hasErrorsToRetry(withErrors), true);
  for (const status of ['interrupted', 'cancelled', 'budget_exhausted'] as const)
    assert.equal(isResumable(execution({}, { status })), true, status);
  assert.deepEqual(Object.keys(STATUS_LABELS).sort(), [
    'budget_exhausted',
    'cancelled',
    'completed',
    'completed_with_errors',
    'failed',
    'interrupted',
    'running',
  ]);
});

test("a run's tooltip says what its model calls used, by role, and its budget; an unknown cost stays unknown", () => {
  const totals = (requests: number, tokens: [number, number] | null, cost: number | null) => ({
    requests,
    requests_without_usage: tokens === null ? requests : 0,
    prompt_tokens: tokens?.[0] ?? null,
    completion_tokens: tokens?.[1] ?? null,
    total_tokens: tokens === null ? null : tokens[0] + tokens[1],
    cost_usd: cost,
  });
  const run = execution(
    { failure: 2 },
    {
      usage: {
        ...totals(4, [50, 10], null),
        by_role: { objective_target: totals(2, [20, 4], 0.028), scorer: totals(2, [30, 6], null) },
      },
      budget: { max_requests: 10 },
    },
  );
  assert.deepEqual(usageLines(run), [
    'Usage: 4 calls · 60 tokens (50 in, 10 out) · cost unknown',
    'objective_target: 2 calls · 24 tokens (20 in, 4 out) · $0.0280',
    'scorer: 2 calls · 36 tokens (30 in, 6 out) · cost unknown',
    'Budget: max_requests 10',
  ]);
  assert.deepEqual(usageLines(execution({ failure: 1 })), [], 'no calls and no budget: nothing to say');
  const http = execution({ failure: 1 }, { usage: { ...totals(1, null, null), by_role: {} } });
  assert.deepEqual(usageLines(http), ['Usage: 1 call · tokens not reported · cost unknown']);
});
