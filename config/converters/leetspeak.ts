import { z } from 'zod';

export const leetspeakSpecSchema = z
  .strictObject({
    type: z.literal('leetspeak').describe('Leetspeak substitution (PyRIT LeetspeakConverter).'),
    deterministic: z
      .boolean()
      .default(true)
      .describe("Always use a letter's first substitute (PyRIT's default); false picks one at random per letter."),
    seed: z
      .number()
      .int()
      .optional()
      .describe('Seed for the random picks when deterministic is false, so a run can be repeated exactly.'),
    custom_substitutions: z
      .record(z.string().length(1), z.array(z.string()).min(1))
      .optional()
      .describe('Lower-case letter → substitutes; replaces the default table entirely, as in PyRIT.'),
  })
  .describe('Replaces letters with look-alike digits and symbols: "leet" becomes "1337".');

export type LeetspeakSpec = z.output<typeof leetspeakSpecSchema>;
