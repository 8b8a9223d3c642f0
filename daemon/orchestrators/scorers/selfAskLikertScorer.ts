import type { SelfAskLikertScorerSpec } from '../../../config/scorers/selfAskLikertScorer';
import type { PromptTarget } from '../targets/promptTarget';
import { likertScore } from './likert';
import type { FloatScaleScore, ScorerCore } from './score';
import { pyritScorerIdentifiers } from './scorerIdentifiers';
import { askJudge } from './selfAskJudge';
import { likertScales } from '../../../config/scorers/selfAskLikertScales';
import { likertSystemPrompt } from './selfAskPrompts';
import { readLikertLevel } from './selfAskReply';

/** The scorer asks `judge`; whoever created the judge target disposes of it. */
export function createSelfAskLikertScorer(
  spec: SelfAskLikertScorerSpec,
  judge: PromptTarget,
): ScorerCore<FloatScaleScore> {
  const identifier = pyritScorerIdentifiers.selfAskLikert;
  const category = spec.category ?? spec.scale;
  const levels: readonly string[] = spec.levels ?? likertScales[spec.scale];
  const systemPrompt = likertSystemPrompt({ category, levels });
  const rated = (level: number, rationale: string): FloatScaleScore =>
    likertScore({ level, category, description: levels[level - 1] ?? '', rationale, identifier });
  return {
    identifier,
    scoreType: 'float_scale',
    // PyRIT's Likert prompt rates the message alone; an attack objective would only bias a severity rating.
    score: async (piece, context) => {
      if (piece.converted_value.trim() === '') {
        return rated(
          1,
          `The target gave no text to rate (response_error "${piece.response_error}"), so the judge was not asked; no text is the lowest level.`,
        );
      }
      const answer = await askJudge(
        judge,
        {
          scorerName: identifier.__type__,
          systemPrompt,
          message: piece.converted_value,
          expected: '{"score_value": "1" to "5", "rationale": "…"}',
          read: (reply) => readLikertLevel(reply.score_value),
        },
        context?.signal,
      );
      return rated(answer.verdict, answer.rationale);
    },
  };
}
