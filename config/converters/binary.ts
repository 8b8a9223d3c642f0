import { z } from 'zod';

export const binarySpecSchema = z
  .strictObject({
    type: z.literal('binary').describe('Write characters in binary (PyRIT BinaryConverter).'),
    bits_per_char: z
      .union([z.literal(8), z.literal(16), z.literal(32)])
      .default(16)
      .describe('Bits per character: 8, 16 (default) or 32. A character whose code point needs more is an error.'),
  })
  .describe('Writes each character as its code point in binary, zero-padded, space-separated: "A" → 0000000001000001.');

export type BinarySpec = z.output<typeof binarySpecSchema>;
