import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Execution } from '../../client/executionStatus';
import { figuresOf } from '../../domain/runFigures';
import { endedRunFailure, parseMaxErrorRate } from '../../daemon/cli/runEnd';
import { requests } from '../../protocol/methods';

const ID = '11111111-2222-3333-4444-555555555555';

function ended(status: Execution['status'], error: number, total = 40, failure: string | null = null): Execution {
  const success = Math.min(3, total - error);
  const outcomes = { success, failure: total - success - error, error, undetermined: 0 };
  return {
    execution_id: ID,
    orchestrator_id: 'o',
    orchestrator_name: 'gate',
    execution_type: 'prompt_list',
    status,
    progress: { completed: total, total, errors: error },
    figures: figuresOf(outcomes),
    execution_summary: { total_prompts: total, total_time_seconds: 1, avg_response_time_ms: 5 },
    started_at: '2025-01-01T00:00:00Z',
    completed_at: '2025-01-01T00:00:01Z',
    error: failure,
    usage: {
      requests: 0,
      requests_without_usage: 0,
      prompt_tokens: null,
      completion_tokens: null,
      total_tokens: null,
      cost_usd: null,
      by_role: {},
    },
    budget: null,
  };
}

describe('exit status of launch --wait / resume --wait (unit)', () => {
  it('passes only completed, for every status the protocol knows', () => {
    for (const status of requests['executions/get'].result.shape.status.options) {
      const failure = endedRunFailure(ended(status, status === 'completed' ? 0 : 2), undefined);
      if (status === 'completed') assert.equal(failure, undefined);
      else assert.match(failure ?? '', new RegExp(`^execution ${ID} ended ${status}`), status);
    }
  });

  it('fails completed_with_errors saying how many errored and what would let it pass', () => {
    assert.equal(
      endedRunFailure(ended('completed_with_errors', 2), undefined),
      `execution ${ID} ended completed_with_errors: 2 of 40 errored (error rate 5.0%); --max-error-rate lets a share pass, \`vutf resume ${ID} --retry-errors\` sends them again`,
    );
  });

  it('--max-error-rate lets completed_with_errors pass up to and including that share, and nothing else', () => {
    assert.equal(endedRunFailure(ended('completed_with_errors', 2), 0.05), undefined);
    assert.equal(endedRunFailure(ended('completed_with_errors', 2), 0.5), undefined);
    assert.match(endedRunFailure(ended('completed_with_errors', 2), 0.04) ?? '', /more than --max-error-rate 0\.04$/);
    assert.match(
      endedRunFailure(ended('failed', 40), 1) ?? '',
      /ended failed/,
      'an all-errors run is failed, not allowed',
    );
    assert.match(endedRunFailure(ended('cancelled', 0), 1) ?? '', /ended cancelled/);
  });

  it("quotes a failed run's error and tells how to continue an interrupted one", () => {
    assert.equal(
      endedRunFailure(ended('failed', 0, 40, 'the database refused a write'), undefined),
      `execution ${ID} ended failed: the database refused a write`,
    );
    assert.match(endedRunFailure(ended('interrupted', 0), undefined) ?? '', /`vutf resume .+` continues it$/);
  });

  it('--allow-partial lets budget_exhausted pass, and nothing else', () => {
    assert.match(
      endedRunFailure(ended('budget_exhausted', 0), undefined) ?? '',
      /ended budget_exhausted; --allow-partial lets it pass/,
    );
    assert.equal(endedRunFailure(ended('budget_exhausted', 2), undefined, true), undefined);
    assert.match(endedRunFailure(ended('cancelled', 0), undefined, true) ?? '', /ended cancelled/);
    assert.match(endedRunFailure(ended('failed', 40), undefined, true) ?? '', /ended failed/);
  });

  it('--max-error-rate takes a share from 0 to 1', () => {
    assert.equal(parseMaxErrorRate('0'), 0);
    assert.equal(parseMaxErrorRate('0.05'), 0.05);
    assert.equal(parseMaxErrorRate('1'), 1);
    for (const bad of ['', ' ', '5%', '5', '-0.1', 'abc', 'NaN'])
      assert.throws(() => parseMaxErrorRate(bad), /is not a share from 0 to 1/, bad);
  });
});
