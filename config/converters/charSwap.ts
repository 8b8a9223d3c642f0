import { z } from 'zod';
import { seedField } from './fields';

export const charSwapSpecSchema = z
  .strictObject({
    type: z.literal('char_swap').describe('Swap two adjacent letters in some words (PyRIT CharSwapConverter).'),
    proportion: z
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .describe("Share of the words picked at random, 0–1; 0.2 by default (PyRIT's)."),
    seed: seedField,
  })
  .describe(
    'In each picked word longer than 3 characters, swaps a character after the first with the next one (PyRIT\'s rule, so the last may move): "house" → "huose".',
  );

export type CharSwapSpec = z.output<typeof charSwapSpecSchema>;
