import { z } from 'zod';

/**
 * What zod knows while parsing but leaves out of its final issues: the fields an object accepts (for "did you
 * mean") and the `type` values a discriminated union accepts (for a missing target or converter).
 */
export interface IssueHints {
  knownKeys?: string[];
  discriminator?: { key: string; options: string[] };
}

/**
 * Zod asks a per-parse error map only for issues whose schema brings no message of its own, so the answer
 * doubles as a flag: a message starting with this marker is ours to word; any other was written by the author
 * of the schema and is shown as it is.
 */
const marker = '\u0000vutf-hints:';

const hintsSchema = z.object({
  knownKeys: z.array(z.string()).optional(),
  discriminator: z.object({ key: z.string(), options: z.array(z.string()) }).optional(),
});

function hintsFor(issue: z.core.$ZodRawIssue): IssueHints {
  const { inst } = issue;
  if (issue.code === 'unrecognized_keys' && inst instanceof z.ZodObject) {
    return { knownKeys: Object.keys(inst.shape) };
  }
  if (inst instanceof z.ZodDiscriminatedUnion) {
    const key = inst.def.discriminator;
    const values = inst._zod.propValues[key] ?? new Set();
    return { discriminator: { key, options: [...values].filter((value) => typeof value === 'string') } };
  }
  return {};
}

/** Pass as `error` to `safeParse`. */
export function hintingErrorMap(issue: z.core.$ZodRawIssue): string {
  return marker + JSON.stringify(hintsFor(issue));
}

/** The hints of an issue worded by us, or undefined when the schema's author wrote the message. */
export function readHints(message: string): IssueHints | undefined {
  if (!message.startsWith(marker)) return undefined;
  const parsed: unknown = JSON.parse(message.slice(marker.length));
  return hintsSchema.parse(parsed);
}
