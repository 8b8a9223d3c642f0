import path from 'node:path';
import { parseJsonText, parseYamlText } from '../../config/parseText';
import { sourceLocator } from '../../config/sourceLocator';
import { validateConfig } from '../../config/validateConfig';
import { InvalidConfigError } from '../../domain/errors';

/** One problem of a config text, as the daemon's reader words it, with where it sits. */
export interface CheckedIssue {
  message: string;
  /** JSONPath ("$.parameters.prompt_converters[0].type"); absent for a syntax error. */
  path?: string;
  segments?: (string | number)[];
  /** 1-based, when known. */
  line?: number;
  column?: number;
}

export interface CheckedConfig {
  issues: CheckedIssue[];
  /** What the text says even when it is invalid (the tree shows a file by its name). */
  name?: string;
  orchestratorType?: string;
}

/**
 * Checks a config's text with the `config/` model the daemon and `vutf launch` run — the same parser, the same
 * validation, the same messages — so the Problems panel says exactly what a launch would. Datasets are not read
 * (that needs the file system and happens at launch).
 */
export function checkConfigText(text: string, filePath: string): CheckedConfig {
  const json = path.extname(filePath).toLowerCase() === '.json';
  let document: unknown;
  try {
    document = json ? parseJsonText(text, filePath) : parseYamlText(text, filePath);
  } catch (error) {
    return { issues: [syntaxIssue(error)] };
  }
  const record = isRecord(document) ? document : {};
  const said = {
    ...(typeof record.name === 'string' && record.name.trim() !== '' ? { name: record.name.trim() } : {}),
    ...(typeof record.orchestrator_type === 'string' ? { orchestratorType: record.orchestrator_type } : {}),
  };
  try {
    const config = validateConfig(document, { source: filePath, positionOf: sourceLocator(text) });
    if (config.input === undefined) {
      const position = sourceLocator(text)([]);
      return {
        ...said,
        issues: [
          {
            message: 'nothing to send: add "input": {"prompt_list": […]} or {"dataset": "…"}.',
            path: '$.input',
            segments: ['input'],
            ...position,
          },
        ],
      };
    }
    return { ...said, issues: [] };
  } catch (error) {
    return { ...said, issues: validationIssues(error) };
  }
}

function syntaxIssue(error: unknown): CheckedIssue {
  if (!(error instanceof InvalidConfigError)) return { message: (error as Error).message };
  const data = (error.data ?? {}) as { reason?: unknown; line?: unknown; column?: unknown };
  return {
    message: typeof data.reason === 'string' ? data.reason : error.message,
    ...(typeof data.line === 'number' ? { line: data.line } : {}),
    ...(typeof data.column === 'number' ? { column: data.column } : {}),
  };
}

function validationIssues(error: unknown): CheckedIssue[] {
  if (!(error instanceof InvalidConfigError)) return [{ message: (error as Error).message }];
  const issues = (error.data as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return [{ message: error.message }];
  return issues.filter(isRecord).map((issue) => ({
    message: String(issue.message),
    ...(typeof issue.path === 'string' ? { path: issue.path } : {}),
    ...(Array.isArray(issue.segments)
      ? {
          segments: issue.segments.filter(
            (segment): segment is string | number => typeof segment === 'string' || typeof segment === 'number',
          ),
        }
      : {}),
    ...(typeof issue.line === 'number' ? { line: issue.line } : {}),
    ...(typeof issue.column === 'number' ? { column: issue.column } : {}),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
