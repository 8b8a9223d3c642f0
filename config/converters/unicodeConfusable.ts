import { z } from 'zod';

export const unicodeConfusableSpecSchema = z
  .strictObject({
    type: z
      .literal('unicode_confusable')
      .describe('Swap letters for Unicode look-alikes (PyRIT UnicodeConfusableConverter).'),
    deterministic: z
      .boolean()
      .default(true)
      .describe('Always use the best look-alike of each character; false picks one at random per character.'),
    seed: z
      .number()
      .int()
      .optional()
      .describe('Seed for the random picks when deterministic is false, so a run can be repeated exactly.'),
  })
  .describe('Replaces ASCII letters and digits with look-alikes that are other characters (Latin a → Cyrillic а).');

export type UnicodeConfusableSpec = z.output<typeof unicodeConfusableSpecSchema>;
