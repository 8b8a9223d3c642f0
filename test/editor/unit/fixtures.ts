import type { ResultItem, ResultScore } from '../../../extension/testing/testOutcome';
import type { Execution } from '../../../extension/tree/orchestratorStore';
import { figuresOf, type OutcomeCounts } from '../../../domain/runFigures';

/** Objects shaped as the daemon answers them, for the editor's pure units. */

export function score(overrides: Partial<ResultScore> = {}): ResultScore {
  return {
    id: 's1',
    score_value: 'True',
    score_type: 'true_false',
    score_category: 'jailbreak',
    score_rationale: 'because',
    scorer: 'SubStringScorer',
    true_means: 'success',
    objective: true,
    threshold: null,
    ...overrides,
  };
}

export function resultItem(original: string, overrides: Partial<ResultItem> = {}): ResultItem {
  return {
    attack_result_id: `ar-${original}`,
    prompt_index: 0,
    conversation_id: `c-${original}`,
    outcome: 'failure',
    automated_outcome: 'failure',
    outcome_reason: 'Held: SubStringScorer False.',
    label: null,
    executed_turns: 1,
    execution_time_ms: 12,
    superseded_conversation_ids: [],
    request: { original_value: original, converted_value: original.toUpperCase(), converters: ['UpperCase'] },
    response: { converted_value: original, response_error: 'none' },
    scores: [score({ score_value: 'False' })],
    ...overrides,
  };
}

export function execution(
  outcomes: Partial<OutcomeCounts>,
  overrides: Partial<Execution> = {},
  total?: number,
): Execution {
  const counts = { success: 0, failure: 0, error: 0, undetermined: 0, ...outcomes };
  const figures = figuresOf(counts);
  return {
    execution_id: 'e1',
    orchestrator_id: 'o1',
    orchestrator_name: 'echo basics',
    execution_type: 'prompt_list',
    status: 'completed',
    progress: { completed: figures.judged_total, total: total ?? figures.judged_total, errors: counts.error },
    figures,
    execution_summary: {
      total_prompts: total ?? figures.judged_total,
      total_time_seconds: 3.2,
      avg_response_time_ms: 41.6,
    },
    started_at: '2026-01-01T10:00:00Z',
    completed_at: '2026-01-01T10:00:04Z',
    error: null,
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
    ...overrides,
  };
}
