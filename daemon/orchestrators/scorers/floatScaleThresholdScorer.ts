import type { Scorer, ScorerCore, ScorerIdentifier, TrueFalseScore } from './score';

/** PyRIT's FloatScaleThresholdScorer: True when the wrapped float scorer scores at or above `threshold`. */
export function createFloatScaleThresholdScorer(
  spec: { threshold: number; category?: string | undefined },
  inner: Scorer,
  identifier: ScorerIdentifier,
): ScorerCore<TrueFalseScore> {
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece, context) => {
      const score = await inner.score(piece, context);
      const value = Number(score.score_value);
      const above = value >= spec.threshold;
      return {
        score_value: above ? 'True' : 'False',
        score_type: 'true_false',
        score_category: spec.category ?? score.score_category,
        score_rationale:
          `${inner.identifier.__type__} scored ${score.score_value}, ${above ? 'at or above' : 'below'} the threshold ` +
          `${spec.threshold}. ${score.score_rationale}`,
        score_value_description: above
          ? `Scored at or above ${spec.threshold}: ${score.score_value_description}`
          : `Scored below ${spec.threshold}.`,
        scorer_class_identifier: identifier,
        score_metadata: {
          ...score.score_metadata,
          inner_scorer: inner.identifier.__type__,
          inner_value: score.score_value,
          threshold: String(spec.threshold),
        },
      };
    },
  };
}
