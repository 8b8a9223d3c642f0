import { decideOutcome, type OutcomeDecision, type ScoreAggregator } from '../../../domain/attackOutcome';
import type { Logger } from '../../log';
import type { Scorer } from '../scorers';
import type { TargetResponse } from '../targets';
import { storedVerdict, type StoredVerdict } from './judgedScores';

export interface AnswerToJudge {
  answer: TargetResponse;
  /** The id the stored response piece has (or will have), so scores and the decision can name it. */
  responseId: string;
  objective: string;
  /** The prompt the answer replies to, as written and as sent (a scorer may read it, e.g. decoding). */
  request: { original_value: string; converted_value: string };
  scorers: readonly Scorer[];
  aggregator: ScoreAggregator;
  signal: AbortSignal;
  log: Logger;
  executionId: string;
}

/**
 * Scores one answer with every scorer and decides its outcome, as every single-answer attack does. A transport
 * error is never a "held": nothing is scored, and the outcome says error. A scorer that fails costs its score,
 * not the answer the user paid for: the answer is stored unscored by it (and, for an objective scorer, undetermined).
 */
export async function judgeAnswer(
  input: AnswerToJudge,
): Promise<{ verdicts: StoredVerdict[]; decision: OutcomeDecision }> {
  const { answer, signal } = input;
  const failed = answer.response_error !== 'none';
  const verdicts: StoredVerdict[] = [];
  const failedScorers: { scorer: string; message: string }[] = [];
  for (const scorer of failed ? [] : input.scorers) {
    try {
      const score = await scorer.score(
        { converted_value: answer.text, response_error: answer.response_error },
        { objective: input.objective, request: input.request, signal },
      );
      verdicts.push(storedVerdict(input.responseId, score, scorer));
    } catch (error) {
      if (signal.aborted) throw error;
      input.log.warn(
        `execution ${input.executionId}: scorer ${scorer.identifier.__type__} failed: ${(error as Error).message}`,
      );
      // An objective scorer that failed leaves the outcome undetermined, with its error as the reason.
      if (scorer.judging.objective)
        failedScorers.push({ scorer: scorer.identifier.__type__, message: (error as Error).message });
    }
  }
  const decision = decideOutcome({
    response_error: answer.response_error,
    error_message: answer.error_message,
    scores: verdicts.map((verdict) => verdict.judged),
    aggregator: input.aggregator,
    failed_scorers: failedScorers,
  });
  return { verdicts, decision };
}
