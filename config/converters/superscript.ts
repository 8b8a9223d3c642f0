import { z } from 'zod';
import { seedField } from './fields';

export const superscriptSpecSchema = z
  .strictObject({
    type: z.literal('superscript').describe('Superscript characters (PyRIT SuperscriptConverter).'),
    mode: z
      .enum(['all', 'alternate', 'random'])
      .default('all')
      .describe('all words; every alternate_step-th word from the first; or random_percentage % of words.'),
    alternate_step: z.number().int().min(1).default(2).describe('In alternate mode, convert every n-th word.'),
    random_percentage: z
      .number()
      .min(0)
      .max(100)
      .default(50)
      .describe('In random mode, the share of words converted, 0–100.'),
    seed: seedField,
  })
  .describe('Writes letters, digits and + - = ( ) in superscript where Unicode has one; others stay.');

export type SuperscriptSpec = z.output<typeof superscriptSpecSchema>;
