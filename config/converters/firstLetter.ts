import { z } from 'zod';

export const firstLetterSpecSchema = z
  .strictObject({
    type: z.literal('first_letter').describe('Keep the first letter of each word (PyRIT FirstLetterConverter).'),
    letter_separator: z.string().default(' ').describe('What goes between the letters; a space by default.'),
  })
  .describe('Replaces each word by its first letter or digit: "Hello, World!" becomes "H W".');

export type FirstLetterSpec = z.output<typeof firstLetterSpecSchema>;
