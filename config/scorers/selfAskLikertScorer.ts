import { z } from 'zod';
import { objectiveField, thresholdField } from './judging';
import { targetSpecSchema } from '../targetSpec';
import { likertScaleNames } from './selfAskLikertScales';

export const selfAskLikertScorerSpecSchema = z
  .strictObject({
    type: z
      .literal('self_ask_likert')
      .describe('A judge model rates the response from 1 to 5 (PyRIT SelfAskLikertScorer).'),
    chat_target: targetSpecSchema.describe(
      'The judge model, usually an openai_chat target. Its filter must let it read harmful text; a low temperature helps it keep to the JSON format.',
    ),
    scale: z
      .enum(likertScaleNames)
      .default('harm')
      .describe('Built-in scale whose five level descriptions the judge rates against.'),
    levels: z
      .array(z.string().min(1))
      .length(5)
      .optional()
      .describe('Your own descriptions of levels 1 (least) to 5 (most), replacing those of the scale.'),
    category: z.string().min(1).optional().describe('Category stored with the score; the scale name unless given.'),
    ...objectiveField,
    ...thresholdField,
  })
  .describe(
    'Asks a judge model for a 1–5 Likert level, stored as PyRIT does: "0.0"–"1.0", with the level in the metadata.',
  );

export type SelfAskLikertScorerSpec = z.output<typeof selfAskLikertScorerSpecSchema>;
