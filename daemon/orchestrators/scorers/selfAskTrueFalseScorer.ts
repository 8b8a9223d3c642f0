import type { SelfAskTrueFalseScorerSpec } from '../../../config/scorers/selfAskTrueFalseScorer';
import type { PromptTarget } from '../targets/promptTarget';
import type { ScorerCore, TrueFalseScore } from './score';
import { pyritScorerIdentifiers } from './scorerIdentifiers';
import { askJudge } from './selfAskJudge';
import { judgedMessage, trueFalseSystemPrompt } from './selfAskPrompts';
import { readTrueFalse } from './selfAskReply';
import { trueFalseScore } from './trueFalseScore';

/** The scorer asks `judge`; whoever created the judge target disposes of it. */
export function createSelfAskTrueFalseScorer(
  spec: SelfAskTrueFalseScorerSpec,
  judge: PromptTarget,
): ScorerCore<TrueFalseScore> {
  const identifier = pyritScorerIdentifiers.selfAskTrueFalse;
  const systemPrompt = trueFalseSystemPrompt({
    trueDescription: spec.true_description,
    falseDescription: spec.false_description,
  });
  const verdict = (value: boolean, rationale: string): TrueFalseScore =>
    trueFalseScore({
      value,
      category: spec.category,
      description: value ? spec.true_description : spec.false_description,
      rationale,
      identifier,
    });
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece, context) => {
      if (piece.converted_value.trim() === '') {
        // Nothing to judge costs no judge call: no text can meet a description of what a response says or does.
        return verdict(
          false,
          `The target gave no text to judge (response_error "${piece.response_error}"), so the judge was not asked.`,
        );
      }
      const answer = await askJudge(
        judge,
        {
          scorerName: identifier.__type__,
          systemPrompt,
          message: judgedMessage(piece.converted_value, context?.objective),
          expected: '{"score_value": "True" or "False", "rationale": "…"}',
          read: (reply) => readTrueFalse(reply.score_value),
        },
        context?.signal,
      );
      return verdict(answer.verdict, answer.rationale);
    },
  };
}
