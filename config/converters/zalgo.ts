import { z } from 'zod';
import { seedField } from './fields';

export const zalgoSpecSchema = z
  .strictObject({
    type: z.literal('zalgo').describe('Zalgo text (PyRIT ZalgoConverter).'),
    intensity: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(10)
      .describe('Most combining marks added to a character (1 to this many, at random); 0 leaves text as is.'),
    seed: seedField,
  })
  .describe('Stacks random combining marks (U+0300–U+036F) on every letter and digit.');

export type ZalgoSpec = z.output<typeof zalgoSpecSchema>;
