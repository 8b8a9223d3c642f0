import type { ConversationTurnScore, ResultItem as StoredResultItem } from '../../memory';
import type { ResultOf } from '../../../protocol/methods';

export type ResultItemView = ResultOf<'results/list'>['items'][number];
type ScoreView = ResultItemView['scores'][number];

/** PyRIT identifiers name their class in `__type__`; rows written by other tools may lack it. */
function className(identifier: unknown): string {
  return typeof identifier === 'object' &&
    identifier !== null &&
    typeof (identifier as Record<string, unknown>).__type__ === 'string'
    ? String((identifier as Record<string, unknown>).__type__)
    : 'unknown';
}

function converterNames(identifiers: unknown): string[] {
  return Array.isArray(identifiers) ? identifiers.map(className) : [];
}

export function toScoreView(score: ConversationTurnScore): ScoreView {
  return {
    score_value: score.score_value,
    score_type: score.score_type,
    score_category: score.score_category,
    score_rationale: score.score_rationale,
    scorer: className(score.scorer_class_identifier),
  };
}

export function toResultItem(item: StoredResultItem): ResultItemView {
  return {
    conversation_id: item.conversation_id,
    request: {
      original_value: item.request.original_value,
      converted_value: item.request.converted_value ?? item.request.original_value,
      converters: converterNames(item.request.converter_identifiers),
    },
    response:
      item.response === null
        ? null
        : {
            converted_value: item.response.converted_value ?? '',
            response_error: item.response.response_error ?? 'none',
          },
    scores: item.scores.map(toScoreView),
  };
}
