import { randomUUID } from 'node:crypto';
import { decideOutcome, type OutcomeDecision } from '../../../domain/attackOutcome';
import type { Scorer, ScoreResult } from '../scorers';
import { storedVerdict, type StoredVerdict } from './judgedScores';

/** The objective scorer's word on one answer, ready to store, or why it has none. */
export type ObjectiveVerdict =
  | {
      ok: true;
      score: ScoreResult;
      verdict: StoredVerdict;
      /** The attack outcome if the attack ended on this answer. */
      decision: OutcomeDecision;
      /** The id the answer's piece must be stored under (the score points at it). */
      responseId: string;
      /** How close to the objective, 0–1 with the scorer's polarity applied: what TAP ranks branches by. */
      closeness: number;
    }
  | { ok: false; reason: string };

function closenessOf(score: ScoreResult, scorer: Scorer): number {
  const value = score.score_type === 'true_false' ? (score.score_value === 'True' ? 1 : 0) : Number(score.score_value);
  const bounded = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  return scorer.judging.trueMeans === 'success' ? bounded : 1 - bounded;
}

/**
 * Asks the objective scorer about the target's answer. The objective scorer alone decides a multi-turn attack's
 * turn, whatever its `objective` field says; the rule itself is domain/attackOutcome's. A scorer that fails is
 * a reason, never a "held"; a cancel rejects.
 */
export async function judgeAnswer(
  scorer: Scorer,
  answer: string,
  objective: string,
  signal: AbortSignal,
): Promise<ObjectiveVerdict> {
  let score: ScoreResult;
  try {
    score = await scorer.score({ converted_value: answer, response_error: 'none' }, { objective, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, reason: `The objective scorer failed: ${(error as Error).message}` };
  }
  const responseId = randomUUID();
  const verdict = storedVerdict(responseId, score, scorer);
  const judged = { ...verdict.judged, objective: true };
  const decision = decideOutcome({ response_error: 'none', scores: [judged], aggregator: 'OR' });
  return { ok: true, score, verdict, decision, responseId, closeness: closenessOf(score, scorer) };
}
