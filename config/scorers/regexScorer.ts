import { z } from 'zod';
import { objectiveField, trueMeansField } from './judging';

export const regexScorerSpecSchema = z
  .strictObject({
    type: z.literal('regex').describe('True when the response matches a regular expression.'),
    pattern: z.string().min(1).describe('JavaScript regular expression, searched anywhere in the response.'),
    // `g` and `y` make RegExp#test remember where it stopped, so scoring the next response would depend on the last.
    flags: z
      .string()
      .regex(/^[dimsuv]*$/, 'Use only the flags d, i, m, s, u and v; g and y make matching depend on earlier calls.')
      .default('')
      .describe('RegExp flags, e.g. "i" to ignore case or "s" to let . match newlines; g and y are not allowed.'),
    category: z.string().default('').describe('Category stored with the score, e.g. "pii" or "jailbreak".'),
    ...objectiveField,
    ...trueMeansField,
  })
  .superRefine((spec, context) => {
    try {
      new RegExp(spec.pattern, spec.flags);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  })
  .describe('Scores True when the response matches the pattern, else False.');

export type RegexScorerSpec = z.output<typeof regexScorerSpecSchema>;
