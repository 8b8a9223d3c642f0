import type { SelfAskGeneralFloatScaleScorerSpec } from '../../../config/scorers/selfAskGeneralFloatScaleScorer';
import type { PromptTarget } from '../targets/promptTarget';
import { fillJudgeTemplate, keyedJudgeReply } from './judgeTemplate';
import { readScaleValue, scaledScore } from './scaledScore';
import type { FloatScaleScore, ScorerCore, ScorerIdentifier } from './score';
import { askJudge } from './selfAskJudge';

/** PyRIT's SelfAskGeneralFloatScaleScorer: the user's own prompt; the number it answers, scaled to 0–1. */
export function createSelfAskGeneralFloatScaleScorer(
  spec: SelfAskGeneralFloatScaleScorerSpec,
  judge: PromptTarget,
  identifier: ScorerIdentifier,
): ScorerCore<FloatScaleScore> {
  return {
    identifier,
    scoreType: 'float_scale',
    score: async (piece, context) => {
      const values = { objective: context?.objective ?? '', response: piece.converted_value };
      const answer = await askJudge(
        judge,
        {
          scorerName: identifier.__type__,
          systemPrompt: fillJudgeTemplate(spec.system_prompt, { ...values, response: '' }),
          message: fillJudgeTemplate(spec.prompt_template, values),
          expected: `{"${spec.score_value_key}": ${spec.minimum_value} to ${spec.maximum_value}, "${spec.rationale_key}": "…"}`,
          parse: (text) => keyedJudgeReply(text, spec.score_value_key, spec.rationale_key),
          read: (reply) => readScaleValue(reply.score_value, spec.minimum_value, spec.maximum_value),
        },
        context?.signal,
      );
      return scaledScore({
        value: answer.verdict,
        minimum: spec.minimum_value,
        maximum: spec.maximum_value,
        category: spec.category,
        description: `The judge answered ${answer.verdict} (of ${spec.minimum_value} to ${spec.maximum_value}).`,
        rationale: answer.rationale,
        identifier,
      });
    },
  };
}
