import { z } from 'zod';
import { seedField } from './fields';
import { linearPatternField } from './linearPattern';

export const searchReplaceSpecSchema = z
  .strictObject({
    type: z.literal('search_replace').describe('Replace what a pattern matches (PyRIT SearchReplaceConverter).'),
    pattern: linearPatternField.describe('Regular expression in RE2 syntax (no lookaround or backreferences).'),
    replace: z
      .union([z.string(), z.array(z.string()).min(1)])
      .describe('The replacement ($1 for a group, $$ for a dollar); with a list, one is picked at random per prompt.'),
    ignore_case: z.boolean().default(false).describe('Match regardless of case.'),
    seed: seedField,
  })
  .describe('Replaces every match of pattern by the replacement: "cut a tree" with tree→log becomes "cut a log".');

export type SearchReplaceSpec = z.output<typeof searchReplaceSpecSchema>;
