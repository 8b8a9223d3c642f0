import type { Scorer, ScorerCore, ScorerIdentifier, TrueFalseScore } from './score';

/**
 * PyRIT's TrueFalseInverterScorer: the wrapped scorer's verdict, flipped. Its polarity is flipped too (createScorer
 * reads it so), so an inverted scorer never changes what an answer means for the attack, only which word says it.
 */
export function createTrueFalseInverterScorer(
  spec: { category?: string | undefined },
  inner: Scorer,
  identifier: ScorerIdentifier,
): ScorerCore<TrueFalseScore> {
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece, context) => {
      const score = await inner.score(piece, context);
      const inverted = score.score_value === 'True' ? 'False' : 'True';
      return {
        score_value: inverted,
        score_type: 'true_false',
        score_category: spec.category ?? score.score_category,
        score_rationale: `Inverted ${inner.identifier.__type__} ${score.score_value}: ${score.score_rationale}`,
        score_value_description: `Inverted: ${score.score_value_description}`,
        scorer_class_identifier: identifier,
        score_metadata: { inner_scorer: inner.identifier.__type__, inner_value: score.score_value },
      };
    },
  };
}
