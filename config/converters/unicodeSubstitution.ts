import { z } from 'zod';

export const unicodeSubstitutionSpecSchema = z
  .strictObject({
    type: z
      .literal('unicode_substitution')
      .describe('Shift every character by a code point offset (PyRIT UnicodeSubstitutionConverter).'),
    start_value: z
      .number()
      .int()
      .min(0)
      .max(0x10ffff)
      .default(0xe0000)
      .describe('Added to each code point; 917504 (U+E0000, invisible tag characters) by default.'),
  })
  .describe('Replaces each character by the one start_value code points further on: invisible by default.');

export type UnicodeSubstitutionSpec = z.output<typeof unicodeSubstitutionSpecSchema>;
