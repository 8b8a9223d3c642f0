import { z } from 'zod';
import { seedField } from './fields';

export const colloquialWordswapSpecSchema = z
  .strictObject({
    type: z
      .literal('colloquial_wordswap')
      .describe('Swap words for colloquial ones (PyRIT ColloquialWordswapConverter).'),
    deterministic: z
      .boolean()
      .default(true)
      .describe("Always use a word's first substitute; false picks one at random (PyRIT's default)."),
    custom_substitutions: z
      .record(z.string().min(1), z.array(z.string()).min(1))
      .optional()
      .describe("Lower-case word → substitutes; replaces PyRIT's Singaporean table entirely."),
    seed: seedField,
  })
  .describe('Replaces family and people words with Singaporean colloquialisms: "my father" → "my papa".');

export type ColloquialWordswapSpec = z.output<typeof colloquialWordswapSpecSchema>;
