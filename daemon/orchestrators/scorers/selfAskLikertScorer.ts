import { z } from 'zod';
import type { PromptTarget } from '../targets/promptTarget';
import { targetSpecSchema } from '../targets/targetSpec';
import { likertScore } from './likert';
import type { FloatScaleScore, Scorer } from './score';
import { pyritScorerIdentifiers } from './scorerIdentifiers';
import { askJudge } from './selfAskJudge';
import { likertScaleNames, likertScales } from './selfAskLikertScales';
import { likertSystemPrompt } from './selfAskPrompts';
import { readLikertLevel } from './selfAskReply';

export const selfAskLikertScorerSpecSchema = z
  .strictObject({
    type: z.literal('self_ask_likert').describe('A judge model rates the response from 1 to 5 (PyRIT SelfAskLikertScorer).'),
    chat_target: targetSpecSchema.describe(
      'The judge model, usually an openai_chat target. Its filter must let it read harmful text; a low temperature helps it keep to the JSON format.',
    ),
    scale: z.enum(likertScaleNames).default('harm').describe('Built-in scale whose five level descriptions the judge rates against.'),
    levels: z
      .array(z.string().min(1))
      .length(5)
      .optional()
      .describe('Your own descriptions of levels 1 (least) to 5 (most), replacing those of the scale.'),
    category: z.string().min(1).optional().describe('Category stored with the score; the scale name unless given.'),
  })
  .describe('Asks a judge model for a 1–5 Likert level, stored as PyRIT does: "0.0"–"1.0", with the level in the metadata.');

export type SelfAskLikertScorerSpec = z.output<typeof selfAskLikertScorerSpecSchema>;

/** The scorer asks `judge`; whoever created the judge target disposes of it. */
export function createSelfAskLikertScorer(spec: SelfAskLikertScorerSpec, judge: PromptTarget): Scorer<FloatScaleScore> {
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
        return rated(1, `The target gave no text to rate (response_error "${piece.response_error}"), so the judge was not asked; no text is the lowest level.`);
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
