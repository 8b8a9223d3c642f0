import type { z } from 'zod';
import { invalidConfigError, type ConfigIssue } from './configIssue';
import { describeIssues } from './describeIssue';
import { hintingErrorMap } from './issueHints';
import type { PathSegment } from './jsonPath';
import type { SourceLocator } from './sourceLocator';

export interface ParseContext {
  /** Names the thing in the message: "orchestrator config", "dataset". */
  subject: string;
  /** Where the value came from: a file path, or e.g. "orchestrators/create". */
  source?: string;
  positionOf?: SourceLocator;
  /** When the value sits inside a larger document, that document and the value's path in it. */
  root?: unknown;
  prefix?: PathSegment[];
}

/** Adds line and column to each issue when the value came from a file. */
export function placeIssues(issues: readonly ConfigIssue[], positionOf: SourceLocator | undefined): ConfigIssue[] {
  if (positionOf === undefined) return [...issues];
  return issues.map((issue) => {
    const position = positionOf(issue.segments);
    return position === undefined ? issue : { ...issue, line: position.line, column: position.column };
  });
}

/** `schema.parse`, but a failure is `InvalidConfig` with one actionable line per problem. */
export function parseOrInvalidConfig<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: ParseContext,
): z.output<S> {
  const result = schema.safeParse(value, { error: hintingErrorMap });
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues, context.root ?? value, context.prefix ?? []);
  throw invalidConfigError(context.subject, placeIssues(issues, context.positionOf), context.source);
}
