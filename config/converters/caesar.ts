import { z } from 'zod';

export const caesarSpecSchema = z
  .strictObject({
    type: z.literal('caesar').describe('Caesar cipher (PyRIT CaesarConverter).'),
    caesar_offset: z
      .number()
      .int()
      .min(-25)
      .max(25)
      .describe('How far to shift, -25 to 25; negative shifts backwards. Digits shift too while |offset| < 10.'),
  })
  .describe('Caesar cipher: ASCII letters (case kept) and, for small offsets, digits shifted by caesar_offset.');

export type CaesarSpec = z.output<typeof caesarSpecSchema>;
