import { randomUUID } from 'node:crypto';
import type { JudgedScore } from '../../../domain/attackOutcome';
import type { ScoreInput } from '../../memory';
import type { Scorer, ScoreResult } from '../scorers';

/** A score ready to store (with its id fixed now, so the attack result can point at it) and as the rule reads it. */
export interface StoredVerdict {
  input: ScoreInput;
  judged: JudgedScore;
}

export function scoreInput(pieceId: string, score: ScoreResult, id: string = randomUUID()): ScoreInput {
  return {
    id,
    pieceId,
    scoreType: score.score_type,
    value: score.score_type === 'true_false' ? score.score_value === 'True' : Number(score.score_value),
    category: score.score_category,
    scorer: { ...score.scorer_class_identifier },
    valueDescription: score.score_value_description,
    rationale: score.score_rationale,
    metadata: score.score_metadata === undefined ? null : JSON.stringify(score.score_metadata),
  };
}

export function storedVerdict(pieceId: string, score: ScoreResult, scorer: Pick<Scorer, 'judging'>): StoredVerdict {
  const input = scoreInput(pieceId, score);
  return {
    input,
    judged: {
      id: input.id ?? '',
      scorer: score.scorer_class_identifier.__type__,
      score_type: score.score_type,
      score_value: score.score_value,
      true_means: scorer.judging.trueMeans,
      threshold: scorer.judging.threshold,
      objective: scorer.judging.objective,
    },
  };
}
