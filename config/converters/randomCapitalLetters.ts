import { z } from 'zod';

export const randomCapitalLettersSpecSchema = z
  .strictObject({
    type: z
      .literal('random_capital_letters')
      .describe('Capitalize random letters (PyRIT RandomCapitalLettersConverter).'),
    percentage: z
      .number()
      .min(1)
      .max(100)
      .default(100)
      .describe('Share of character positions, 1–100, picked for capitalizing; 100 by default.'),
    seed: z
      .number()
      .int()
      .optional()
      .describe('Seed for which positions are picked, so a run can be repeated exactly.'),
  })
  .describe('Picks percentage % of the positions at random and upper-cases the lower-case letters among them.');

export type RandomCapitalLettersSpec = z.output<typeof randomCapitalLettersSpecSchema>;
