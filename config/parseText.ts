import { parseDocument } from 'yaml';
import { findJsonSyntaxError } from './jsonSyntaxError';
import { positionAt, type SourcePosition } from './textPosition';
import { type DomainError, InvalidConfigError } from '../domain/errors';

function syntaxError(
  source: string,
  format: 'JSON' | 'YAML',
  position: SourcePosition | undefined,
  reason: string,
): DomainError {
  const where = position === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
  return new InvalidConfigError(`${format} syntax error in ${source}${where}: ${reason}`, {
    source,
    format: format.toLowerCase(),
    ...position,
    reason,
  });
}

/** JSON as written by people: `JSON.parse` for speed, and our own scanner to say where and why it failed. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const problem = findJsonSyntaxError(text);
    // JSON.parse's own message is not used: it differs between Node versions and may quote the file's text.
    if (problem === undefined) throw syntaxError(source, 'JSON', undefined, 'the file is not valid JSON.');
    throw syntaxError(source, 'JSON', positionAt(text, problem.offset), problem.message);
  }
}

/** The yaml library's codes, reworded where its message speaks of its own API rather than of the file. */
const yamlReasons: Record<string, string> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document ("---"); put one config (or dataset) per file.',
  DUPLICATE_KEY: 'a key appears twice in the same mapping; keep one.',
};

/** YAML 1.2 (core schema: `yes` stays a string, no implicit dates), one document, duplicate keys refused. */
export function parseYamlText(text: string, source: string): unknown {
  if (text.trim() === '') throw syntaxError(source, 'YAML', undefined, 'the file is empty.');
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const reason = yamlReasons[error.code] ?? `${error.message.replace(/\.?$/, '.')}`;
    throw syntaxError(source, 'YAML', positionAt(text, error.pos[0]), reason);
  }
  try {
    // maxAliasCount bounds "billion laughs" expansion of anchors and aliases.
    return document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // Aliases are resolved only here: an alias to no anchor, or too many of them.
    const reason = error instanceof Error ? error.message.replace(/\.?$/, '.') : 'the file could not be read as YAML.';
    throw syntaxError(source, 'YAML', undefined, reason);
  }
}
