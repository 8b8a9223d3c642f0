import { z } from 'zod';

export const unicodeReplacementSpecSchema = z
  .strictObject({
    type: z
      .literal('unicode_replacement')
      .describe('Write characters as \\uXXXX escapes (PyRIT UnicodeReplacementConverter).'),
    encode_spaces: z
      .boolean()
      .default(false)
      .describe('Also write the spaces between words as \\u0020; false keeps them as spaces.'),
  })
  .describe('Writes every character of every word as a \\u escape of its code point: "hi" becomes "\\u0068\\u0069".');

export type UnicodeReplacementSpec = z.output<typeof unicodeReplacementSpecSchema>;
