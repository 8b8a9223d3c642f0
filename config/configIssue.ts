import { formatJsonPath, type PathSegment } from './jsonPath';
import { type DomainError, InvalidConfigError } from '../domain/errors';

/** One problem in a config or dataset, as clients receive it in `InvalidConfig`'s `data.issues`. */
export interface ConfigIssue {
  /** JSONPath of the offending value, e.g. `$.parameters.prompt_converters[1].caesar_offset`. */
  path: string;
  /** The same path as keys and indexes, so an editor can find the node (jsonc-parser, yaml) without parsing `path`. */
  segments: PathSegment[];
  /** What is wrong and what to do, without the path: "expected at most 256, got 300". */
  message: string;
  /** What would have been accepted, in words: "at most 256", "one of "base64", "rot13", …". */
  expected: string;
  /** 1-based position in the source file, when the value came from one. */
  line?: number;
  column?: number;
}

export function configIssue(segments: readonly PathSegment[], message: string, expected: string): ConfigIssue {
  return { path: formatJsonPath(segments), segments: [...segments], message, expected };
}

/** Long lists help nobody in a notification; `data.issues` holds more. */
const maxIssuesInMessage = 10;
/** A dataset with 100 000 bad rows must not become a 100 000-entry error response. */
const maxIssuesInData = 100;

function locate(issue: ConfigIssue): string {
  return issue.line === undefined ? issue.path : `${issue.path} (line ${issue.line}, column ${issue.column})`;
}

/**
 * The `InvalidConfig` error: the message names the path and what is expected so a person can fix the file
 * without reading `data`; `data` carries the same for programs (the first problem as `path`/`expected`).
 */
export function invalidConfigError(subject: string, issues: readonly ConfigIssue[], source?: string): DomainError {
  const [first] = issues;
  if (first === undefined) throw new Error('invalidConfigError needs at least one issue');
  const where = source === undefined ? '' : ` in ${source}`;
  let message: string;
  if (issues.length === 1) {
    message = `Invalid ${subject}${where} at ${locate(first)}: ${first.message}`;
  } else {
    const lines = issues.slice(0, maxIssuesInMessage).map((issue) => `- ${locate(issue)}: ${issue.message}`);
    if (issues.length > maxIssuesInMessage)
      lines.push(`- …and ${issues.length - maxIssuesInMessage} more (see data.issues)`);
    message = `Invalid ${subject}${where} (${issues.length} problems):\n${lines.join('\n')}`;
  }
  return new InvalidConfigError(message, {
    path: first.path,
    expected: first.expected,
    issues: issues.slice(0, maxIssuesInData).map((issue) => ({ ...issue })),
    issue_count: issues.length,
    ...(source === undefined ? {} : { source }),
  });
}
