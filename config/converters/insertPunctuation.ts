import { z } from 'zod';
import { seedField } from './fields';

/** Python's string.punctuation. */
export const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export const insertPunctuationSpecSchema = z
  .strictObject({
    type: z
      .literal('insert_punctuation')
      .describe('Insert punctuation at random places (PyRIT InsertPunctuationConverter).'),
    word_swap_ratio: z
      .number()
      .gt(0)
      .max(1)
      .default(0.2)
      .describe('Insertions per word, over 0 up to 1 (rounded, at least one); 0.2 by default.'),
    between_words: z
      .boolean()
      .default(true)
      .describe('true: next to words (before or after); false: anywhere, inside words too.'),
    punctuation_list: z
      .array(
        z
          .string()
          .length(1)
          .refine((mark) => ASCII_PUNCTUATION.includes(mark), 'one ASCII punctuation character'),
      )
      .min(1)
      .default([',', '.', '!', '?', ':', ';', '-'])
      .describe('The marks to insert, each one ASCII punctuation character; , . ! ? : ; - by default.'),
    seed: seedField,
  })
  .describe('Inserts random punctuation marks next to (or inside) random words.');

export type InsertPunctuationSpec = z.output<typeof insertPunctuationSpecSchema>;
