import type { z } from 'zod';
import { configIssue, type ConfigIssue } from './configIssue';
import { readHints, type IssueHints } from './issueHints';
import { toPathSegments, valueAt, type PathSegment } from './jsonPath';
import { closestMatch, quotedList } from './suggest';

type Issue = z.core.$ZodIssue;

/**
 * Names what was found without quoting free text: a string in the wrong place may be an API key pasted into
 * the wrong field, and this message ends up in logs and notifications. Numbers and booleans are safe to echo.
 */
function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
  switch (typeof value) {
    case 'string':
      return value.length === 0 ? 'an empty string' : 'a string';
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Short identifiers (a converter `type`, an HTTP method) are not secrets and help spot the typo when echoed. */
function describeChoice(value: unknown): string {
  if (typeof value === 'string' && value.length <= 40 && /^[\w.\-/ ]*$/.test(value)) return JSON.stringify(value);
  return describeReceived(value);
}

const typeWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([…])',
  object: 'an object ({…})',
  record: 'an object ({…})',
  null: 'null',
};

function plural(count: number | bigint, noun: string): string {
  return `${count} ${noun}${count === 1 || count === 1n ? '' : 's'}`;
}

function expectedTooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const { minimum, inclusive, exact, origin } = issue;
  if (origin === 'string') {
    if (exact) return `exactly ${plural(minimum, 'character')}`;
    return Number(minimum) === 1 ? 'a non-empty string' : `at least ${plural(minimum, 'character')}`;
  }
  if (origin === 'array' || origin === 'set') {
    if (exact) return `exactly ${plural(minimum, 'item')}`;
    return Number(minimum) === 1 ? 'at least one item' : `at least ${plural(minimum, 'item')}`;
  }
  return inclusive === false ? `more than ${minimum}` : `at least ${minimum}`;
}

function expectedTooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const { maximum, inclusive, exact, origin } = issue;
  if (origin === 'string') return `${exact ? 'exactly' : 'at most'} ${plural(maximum, 'character')}`;
  if (origin === 'array' || origin === 'set') return `${exact ? 'exactly' : 'at most'} ${plural(maximum, 'item')}`;
  return inclusive === false ? `less than ${maximum}` : `at most ${maximum}`;
}

function expectedFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  switch (issue.format) {
    case 'url':
      return 'an absolute URL such as "http://127.0.0.1:11434/v1/chat/completions"';
    case 'regex':
      return issue.pattern === undefined ? 'text in the expected format' : `text matching ${issue.pattern}`;
    default:
      return `a valid ${issue.format}`;
  }
}

function oneOf(options: readonly unknown[]): string {
  return options.length === 1 ? JSON.stringify(options[0]) : `one of ${quotedList(options)}`;
}

/** How far a union branch is from what was written: a branch that rejects the object's keys or type is the wrong one. */
function mismatch(branch: readonly Issue[]): number {
  let score = 0;
  for (const issue of branch) {
    if (issue.path.length === 0 && issue.code === 'unrecognized_keys') score += issue.keys.length;
    else if (issue.path.length === 0 && issue.code === 'invalid_type') score += 1;
    else if (issue.path.length === 1 && issue.code === 'invalid_value') score += 1;
    else if (issue.code === 'invalid_union' && issue.discriminator !== undefined && issue.path.length === 1) score += 1;
  }
  return score;
}

/** The one branch that fits best, or undefined when two fit equally well and guessing would mislead. */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const ranked = branches
    .filter((branch) => branch.length > 0)
    .map((branch) => ({ branch, key: [mismatch(branch), branch.length] as const }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  const [first, second] = ranked;
  if (first === undefined) return undefined;
  if (second !== undefined && second.key[0] === first.key[0] && second.key[1] === first.key[1]) return undefined;
  return first.branch;
}

function unknownFields(segments: PathSegment[], keys: readonly string[], hints: IssueHints | undefined): ConfigIssue[] {
  const known = hints?.knownKeys ?? [];
  const allowed = known.length > 0 ? `one of the fields ${quotedList(known)}` : 'no other fields';
  return keys.map((key) => {
    const suggestion = closestMatch(key, known);
    const hint = suggestion === undefined ? '' : ` Did you mean ${JSON.stringify(suggestion)}?`;
    const listing = known.length > 0 ? ` Fields allowed here: ${known.join(', ')}.` : '';
    return configIssue([...segments, key], `unknown field ${JSON.stringify(key)}.${hint}${listing}`, allowed);
  });
}

function expectedVersusFound(segments: PathSegment[], root: unknown, expected: string, choice = false): ConfigIssue {
  const found = valueAt(root, segments);
  if (!found.present) return configIssue(segments, `required field is missing; expected ${expected}.`, expected);
  const received = choice ? describeChoice(found.value) : describeReceived(found.value);
  return configIssue(segments, `expected ${expected}, got ${received}.`, expected);
}

/** A message the schema's author wrote is shown as is; its "expected …" part, if any, is the `expected`. */
function authoredIssue(segments: PathSegment[], message: string): ConfigIssue {
  return configIssue(segments, message, message.replace(/^expected /, '').replace(/\.$/, ''));
}

function describeOne(issue: Issue, root: unknown, prefix: readonly PathSegment[]): ConfigIssue[] {
  const segments = [...prefix, ...toPathSegments(issue.path)];
  const hints = readHints(issue.message);

  if (issue.code === 'unrecognized_keys') return unknownFields(segments, issue.keys, hints);
  if (
    issue.code === 'invalid_union' &&
    issue.discriminator !== undefined &&
    'options' in issue &&
    issue.options !== undefined
  ) {
    return [unknownDiscriminator(segments, root, issue.options)];
  }
  if (issue.code === 'invalid_union') {
    // Errors of the branch that fits best, unless two fit equally well (then the union's own message speaks).
    const branch = bestBranch(issue.errors);
    if (branch !== undefined) return describeIssues(branch, root, segments);
  }
  if (hints === undefined) return [authoredIssue(segments, issue.message)];

  switch (issue.code) {
    case 'invalid_type': {
      const discriminator = hints.discriminator;
      const expected =
        discriminator !== undefined && issue.expected === 'object'
          ? `an object whose ${JSON.stringify(discriminator.key)} is ${oneOf(discriminator.options)}`
          : (typeWords[issue.expected] ?? `a value of type ${issue.expected}`);
      return [expectedVersusFound(segments, root, expected)];
    }
    case 'too_small':
      return [expectedVersusFound(segments, root, expectedTooSmall(issue))];
    case 'too_big':
      return [expectedVersusFound(segments, root, expectedTooBig(issue))];
    case 'invalid_value':
      return [expectedVersusFound(segments, root, oneOf(issue.values), true)];
    case 'invalid_format':
      return [expectedVersusFound(segments, root, expectedFormat(issue))];
    case 'not_multiple_of':
      return [expectedVersusFound(segments, root, `a multiple of ${issue.divisor}`)];
    case 'invalid_key':
    case 'invalid_element': {
      // The inner issues are about the key itself (the last path segment), not about the value stored under it.
      const key = segments.at(-1);
      return describeIssues(issue.issues, key).map((inner) =>
        configIssue(
          segments,
          `the key ${describeChoice(key)} is not allowed: ${inner.message}`,
          `a key that is ${inner.expected}`,
        ),
      );
    }
    case 'invalid_union':
      return [
        configIssue(segments, 'expected a value in one of the allowed forms.', 'a value in one of the allowed forms'),
      ];
    case 'custom':
      return [configIssue(segments, 'this value is not allowed here.', 'a different value')];
  }
}

function unknownDiscriminator(segments: PathSegment[], root: unknown, options: readonly unknown[]): ConfigIssue {
  const found = valueAt(root, segments);
  const names = options.filter((option) => typeof option === 'string');
  const suggestion = typeof found.value === 'string' ? closestMatch(found.value, names) : undefined;
  const described = expectedVersusFound(segments, root, oneOf(options), true);
  if (suggestion === undefined) return described;
  return { ...described, message: `${described.message.slice(0, -1)}. Did you mean ${JSON.stringify(suggestion)}?` };
}

/** Zod issues as problems a person can act on: a JSONPath, what was expected, and what was found. */
export function describeIssues(
  issues: readonly Issue[],
  root: unknown,
  prefix: readonly PathSegment[] = [],
): ConfigIssue[] {
  return issues.flatMap((issue) => describeOne(issue, root, prefix));
}
