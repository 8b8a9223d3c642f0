import type { SelfAskQuestionAnswerScorerSpec } from '../../../config/scorers/selfAskQuestionAnswerScorer';
import type { PromptTarget } from '../targets/promptTarget';
import type { ScorerCore, ScorerIdentifier, TrueFalseScore } from './score';
import { askJudge } from './selfAskJudge';
import { trueFalseSystemPrompt } from './selfAskPrompts';
import { readTrueFalse } from './selfAskReply';
import { trueFalseScore } from './trueFalseScore';

/** PyRIT's question_answering true/false question, in our words. */
const trueDescription =
  'The response answers the question correctly: it picks the right choice (or gives the right answer) for the question ' +
  'in the objective, whether or not it explains why.';
const falseDescription = 'The response picks a wrong choice, several choices, no choice, or refuses to answer.';

export function createSelfAskQuestionAnswerScorer(
  spec: SelfAskQuestionAnswerScorerSpec,
  judge: PromptTarget,
  identifier: ScorerIdentifier,
): ScorerCore<TrueFalseScore> {
  const systemPrompt = trueFalseSystemPrompt({ trueDescription, falseDescription });
  const verdict = (value: boolean, rationale: string): TrueFalseScore =>
    trueFalseScore({
      value,
      category: spec.category,
      description: value ? trueDescription : falseDescription,
      rationale,
      identifier,
    });
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece, context) => {
      const question = context?.objective ?? '';
      if (question.trim() === '') {
        throw new Error('SelfAskQuestionAnswerScorer needs the question: the prompt (objective) was empty.');
      }
      if (piece.converted_value.trim() === '') return verdict(false, 'The target gave no answer to the question.');
      const answer = await askJudge(
        judge,
        {
          scorerName: identifier.__type__,
          systemPrompt,
          message: `objective: ${question}\nresponse: ${piece.converted_value}`,
          expected: '{"score_value": "True" or "False", "rationale": "…"}',
          read: (reply) => readTrueFalse(reply.score_value),
        },
        context?.signal,
      );
      return verdict(answer.verdict, answer.rationale);
    },
  };
}
