import { z } from 'zod';

export const zeroWidthSpecSchema = z
  .strictObject({
    type: z.literal('zero_width').describe('Zero-width spaces between characters (PyRIT ZeroWidthConverter).'),
  })
  .describe('Puts a zero-width space (U+200B) between every two characters: the text looks the same.');

export type ZeroWidthSpec = z.output<typeof zeroWidthSpecSchema>;
