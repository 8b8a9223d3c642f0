import type { SelfAskGeneralTrueFalseScorerSpec } from '../../../config/scorers/selfAskGeneralTrueFalseScorer';
import type { PromptTarget } from '../targets/promptTarget';
import { fillJudgeTemplate, keyedJudgeReply } from './judgeTemplate';
import type { ScorerCore, ScorerIdentifier, TrueFalseScore } from './score';
import { askJudge } from './selfAskJudge';
import { readTrueFalse } from './selfAskReply';
import { trueFalseScore } from './trueFalseScore';

/** PyRIT's SelfAskGeneralTrueFalseScorer: the user's own prompt, and the JSON keys it asks for. */
export function createSelfAskGeneralTrueFalseScorer(
  spec: SelfAskGeneralTrueFalseScorerSpec,
  judge: PromptTarget,
  identifier: ScorerIdentifier,
): ScorerCore<TrueFalseScore> {
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece, context) => {
      const values = { objective: context?.objective ?? '', response: piece.converted_value };
      const answer = await askJudge(
        judge,
        {
          scorerName: identifier.__type__,
          systemPrompt: fillJudgeTemplate(spec.system_prompt, { ...values, response: '' }),
          message: fillJudgeTemplate(spec.prompt_template, values),
          expected: `{"${spec.score_value_key}": "True" or "False", "${spec.rationale_key}": "…"}`,
          parse: (text) => keyedJudgeReply(text, spec.score_value_key, spec.rationale_key),
          read: (reply) => readTrueFalse(reply.score_value),
        },
        context?.signal,
      );
      return trueFalseScore({
        value: answer.verdict,
        category: spec.category,
        description: answer.verdict ? 'The judge answered True.' : 'The judge answered False.',
        rationale: answer.rationale,
        identifier,
      });
    },
  };
}
