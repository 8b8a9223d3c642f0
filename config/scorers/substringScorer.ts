import { z } from 'zod';
import { objectiveField, trueMeansField } from './judging';

export const substringScorerSpecSchema = z
  .strictObject({
    type: z.literal('substring').describe('True when the response contains a given text (PyRIT SubStringScorer).'),
    substring: z.string().min(1).describe('The text to look for in the response.'),
    category: z.string().default('').describe('Category stored with the score, e.g. "jailbreak" or "secret_leak".'),
    case_sensitive: z.boolean().default(true).describe('Match case exactly, as PyRIT does; false ignores case.'),
    ...objectiveField,
    ...trueMeansField,
  })
  .describe('Scores True when the response contains the substring, else False.');

export type SubstringScorerSpec = z.output<typeof substringScorerSpecSchema>;
