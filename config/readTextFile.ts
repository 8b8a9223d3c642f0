import fs from 'node:fs/promises';
import { type DomainError, InvalidConfigError } from '../domain/errors';

export interface ReadTextFileOptions {
  /** Names the file in messages: "Config file", "Dataset". */
  what: string;
  /** As the user wrote it, shown next to the resolved path when they differ. */
  shownAs?: string;
  maxBytes: number;
  /** Added to "was not found.", e.g. how relative paths are resolved. */
  notFoundHint?: string;
}

/** Rounded up, so a file just over the limit never reads as "50 MB; the limit is 50 MB". */
function megabytes(bytes: number): string {
  const tenths = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${tenths} MB`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/**
 * A UTF-8 text file the user pointed at, or `InvalidConfig` saying what is wrong with the path: missing, a
 * folder, unreadable, or too big. The size is checked before reading so a wrong path to a huge file costs nothing.
 */
export async function readTextFile(filePath: string, options: ReadTextFileOptions): Promise<string> {
  const named =
    options.shownAs !== undefined && options.shownAs !== filePath
      ? `${options.shownAs} (resolved to ${filePath})`
      : filePath;
  const fail = (problem: string, data: Record<string, unknown> = {}): DomainError =>
    new InvalidConfigError(`${options.what} ${named} ${problem}`, { file: filePath, ...data });

  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw fail(options.notFoundHint === undefined ? 'was not found.' : `was not found. ${options.notFoundHint}`);
    if (code === 'EACCES' || code === 'EPERM') throw fail('cannot be read: permission denied.');
    throw fail(`cannot be read (${code ?? 'unknown error'}).`);
  }
  if (stat.isDirectory()) throw fail('is a folder; give the path of a file.');
  if (!stat.isFile()) throw fail('is not a regular file.');
  if (stat.size > options.maxBytes) {
    throw fail(
      `is ${megabytes(stat.size)}; the limit is ${megabytes(options.maxBytes)}. Split it into smaller files.`,
      {
        size: stat.size,
        limit: options.maxBytes,
      },
    );
  }
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    throw fail(`cannot be read (${errorCode(error) ?? 'unknown error'}).`);
  }
  // Editors on Windows like to start UTF-8 files with a byte order mark, which JSON.parse rejects.
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
