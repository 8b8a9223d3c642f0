import { z } from 'zod';
import { objectiveField, trueMeansField } from './judging';

/**
 * One pattern of a built-in pattern scorer, in RE2 syntax (config/scorers/regexScorer.ts): every one is matched
 * against model output on the linear-time engine, so no answer can make scoring slow.
 */
export interface NamedPattern {
  /** Shown in the rationale and stored in the metadata when it matches: "Script tag". */
  readonly name: string;
  readonly pattern: string;
  /** RE2 flags (i, m, s); "" when left out. */
  readonly flags?: string;
}

/**
 * The spec of a scorer that looks for a fixed family of payloads in the response (XSS, SQL injection, …): no
 * pattern to write, only a category and what a match means.
 */
export function patternFamilySpecSchema<Type extends string>(type: Type, summary: string, whole: string) {
  return z
    .strictObject({
      type: z.literal(type).describe(summary),
      category: z.string().default('security').describe('Category stored with the score; "security" as in PyRIT.'),
      ...objectiveField,
      ...trueMeansField,
    })
    .describe(whole);
}
