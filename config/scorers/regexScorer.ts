import { RE2JS } from 're2js';
import { z } from 'zod';
import { objectiveField, trueMeansField } from './judging';

/**
 * Patterns are matched against model output, which an attacker writes. A backtracking engine (RegExp) can take
 * exponential time on the daemon's only thread — `(a+)+$` against 31 characters froze every client for a
 * minute — so every pattern runs on RE2 (re2js, pure JS), which is linear in the answer's length. What RE2 has no
 * linear-time way to do is refused when the config is validated, naming the feature.
 */
const LINEAR_TIME = 'patterns run on a linear-time engine (RE2 syntax), which has no lookaround or backreferences';

/** What each allowed flag is in RE2. `u` is how RE2 always matches (by code point), so it adds nothing. */
const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

/** Lookaround and backreferences, found outside character classes and escapes, by what they are called. */
export function unsupportedFeature(pattern: string): string | undefined {
  let inClass = false;
  for (let at = 0; at < pattern.length; at += 1) {
    const char = pattern[at];
    if (char === '\\') {
      const next = pattern[at + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `backreference \\${next}`;
      if (!inClass && next === 'k' && pattern[at + 2] === '<') return 'named backreference \\k<…>';
      at += 1;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
      // RE2 reads a `]` right after `[` or `[^` as a member, so the class goes on past it.
      if (pattern[at + 1] === '^') at += 1;
      if (pattern[at + 1] === ']') at += 1;
    } else if (char === '(' && pattern[at + 1] === '?') {
      const opener = pattern.slice(at, at + 4);
      if (opener.startsWith('(?=')) return 'lookahead (?=…)';
      if (opener.startsWith('(?!')) return 'negative lookahead (?!…)';
      if (opener === '(?<=') return 'lookbehind (?<=…)';
      if (opener === '(?<!') return 'negative lookbehind (?<!…)';
    }
  }
  return undefined;
}

const FLAGS_MESSAGE =
  'Use only the flags i, m, s and u, each once: g and y would make matching depend on earlier calls, and d and v mean nothing to the linear-time engine.';

function flagBits(flags: string): number {
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  return bits;
}

/** The compiled pattern; throws for one RE2 refuses (callers validate first, so that is a bug, not a config). */
export function compileRegexPattern(pattern: string, flags: string): RE2JS {
  return RE2JS.compile(pattern, flagBits(flags));
}

function compileProblem(pattern: string, flags: string): string | undefined {
  const feature = unsupportedFeature(pattern);
  if (feature !== undefined) return `${feature} is not supported: ${LINEAR_TIME}.`;
  try {
    compileRegexPattern(pattern, flags);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The JavaScript escapes people reach for first; RE2 spells a code point \x{…}.
    const hint = /`\\[uc]`/.test(reason) ? ' Write a code point as \\x{41} or \\x{1F600}.' : '';
    return `Not a valid RE2 regular expression: ${reason}.${hint}`;
  }
}

export const regexScorerSpecSchema = z
  .strictObject({
    type: z.literal('regex').describe('True when the response matches a regular expression.'),
    pattern: z
      .string()
      .min(1)
      .describe(
        'RE2 regular expression (linear-time: no lookaround, no backreferences), searched anywhere in the response.',
      ),
    flags: z
      .string()
      .regex(/^[imsu]*$/, FLAGS_MESSAGE)
      .refine((flags) => new Set(flags).size === flags.length, FLAGS_MESSAGE)
      .default('')
      .describe('i ignores case, m lets ^ and $ match at line breaks, s lets . match newlines; u is always on.'),
    category: z.string().default('').describe('Category stored with the score, e.g. "pii" or "jailbreak".'),
    ...objectiveField,
    ...trueMeansField,
  })
  .superRefine((spec, context) => {
    const problem = compileProblem(spec.pattern, spec.flags);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  })
  .describe('Scores True when the response matches the pattern, else False.');

export type RegexScorerSpec = z.output<typeof regexScorerSpecSchema>;
