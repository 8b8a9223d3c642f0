import { z } from 'zod';
import { objectiveField } from './judging';

export const decodingScorerSpecSchema = z
  .strictObject({
    type: z
      .literal('decoding')
      .describe('True when the response contains the prompt as it was before the converters (PyRIT DecodingScorer).'),
    case_sensitive: z
      .boolean()
      .default(false)
      .describe('Match case exactly; PyRIT ignores case, and so does the default.'),
    category: z.string().default('').describe('Category stored with the score.'),
    ...objectiveField,
  })
  .describe(
    'Scores True when the target decoded the prompt: its answer contains the original prompt, which the converters had encoded (base64, ROT13, …).',
  );

export type DecodingScorerSpec = z.output<typeof decodingScorerSpecSchema>;
