import type { StoredAttackResult, StoredLabel, StoredScore } from '../../memory';
import type { ResultOf } from '../../../protocol/methods';

export type ResultItemView = ResultOf<'results/list'>['items'][number];
type ScoreView = ResultItemView['scores'][number];
type LabelView = NonNullable<ResultItemView['label']>;

export function toScoreView(score: StoredScore): ScoreView {
  return {
    id: score.id,
    score_value: score.score_value,
    score_type: score.score_type,
    score_category: score.score_category,
    score_rationale: score.score_rationale,
    scorer: score.scorer,
    true_means: score.judging.true_means,
    objective: score.judging.objective,
    threshold: score.score_type === 'float_scale' ? (score.judging.threshold ?? 0.5) : null,
  };
}

export function toLabelView(label: StoredLabel | null): LabelView | null {
  return label === null ? null : { ...label };
}

/** A retried error's earlier conversations, as supersedeAttackResult lists them. */
function retriedConversations(item: StoredAttackResult): string[] {
  const listed = item.attack_metadata.superseded_conversation_ids;
  return Array.isArray(listed) ? listed.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * `givenUp`: the prompt's conversations that resume gave up (store.supersededConversations); with those of
 * retried errors, every earlier conversation of the prompt.
 */
export function toResultItem(item: StoredAttackResult, givenUp: readonly string[]): ResultItemView {
  return {
    attack_result_id: item.attack_result_id,
    prompt_index: item.prompt_index,
    conversation_id: item.conversation_id,
    outcome: item.outcome,
    automated_outcome: item.automated_outcome,
    outcome_reason: item.outcome_reason,
    label: toLabelView(item.label),
    executed_turns: item.executed_turns,
    execution_time_ms: item.execution_time_ms,
    request:
      item.request === null
        ? { original_value: item.objective, converted_value: item.objective, converters: [] }
        : { ...item.request, converters: [...item.request.converters] },
    response:
      item.response === null
        ? null
        : { converted_value: item.response.converted_value, response_error: item.response.response_error },
    scores: item.scores.map(toScoreView),
    superseded_conversation_ids: [...new Set([...retriedConversations(item), ...givenUp])],
  };
}
