import fs from 'node:fs';
import { DatabaseLockedError, InvalidInputError } from '../../../domain/errors';
import { loadSqlJs } from './sqlJs';
import { SqliteSourceTables, type SourceTables } from './sourceTables';

/**
 * sql.js holds a whole database in WebAssembly memory and cannot stream a file, so an import reads at most this
 * much (docs/pyrit.md says so too). A bigger PyRIT memory can be cut down with PyRIT's own export or sqlite3's
 * `.backup` of the runs wanted.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** DuckDB's magic bytes sit after an 8-byte checksum. */
const DUCKDB_MAGIC = Buffer.from('DUCK', 'latin1');

export type MemoryFileKind = 'sqlite' | 'duckdb';

function quotedPath(filePath: string): string {
  return JSON.stringify(filePath);
}

function headerOf(filePath: string): Buffer {
  const handle = fs.openSync(filePath, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = fs.readSync(handle, header, 0, 16, 0);
    return header.subarray(0, read);
  } finally {
    fs.closeSync(handle);
  }
}

function unreadable(filePath: string, error: unknown): InvalidInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'there is no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'the daemon may not read it (permission denied)'
        : code === 'EBUSY'
          ? 'another program holds it open exclusively; close it (PyRIT, a SQLite browser) and try again'
          : (error as Error).message;
  return new InvalidInputError(`Cannot read the PyRIT memory ${quotedPath(filePath)}: ${why}.`, {
    field: 'path',
    path: filePath,
  });
}

/** What the file is, checked before any of it is loaded: a regular file, small enough, SQLite or DuckDB. */
export function inspectMemoryFile(filePath: string): { kind: MemoryFileKind; bytes: number } {
  let stat: fs.Stats;
  let header: Buffer;
  try {
    stat = fs.statSync(filePath);
    if (!stat.isFile())
      throw new InvalidInputError(
        `${quotedPath(filePath)} is not a regular file; give the path of a PyRIT memory file.`,
        {
          field: 'path',
          path: filePath,
        },
      );
    header = headerOf(filePath);
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw unreadable(filePath, error);
  }
  const kind: MemoryFileKind | null = header.subarray(0, 16).equals(SQLITE_HEADER)
    ? 'sqlite'
    : header.length >= 12 && header.subarray(8, 12).equals(DUCKDB_MAGIC)
      ? 'duckdb'
      : null;
  if (kind === null)
    throw new InvalidInputError(
      `${quotedPath(filePath)} is not a SQLite database (nor a PyRIT 0.9 DuckDB one): it cannot be a PyRIT memory. PyRIT keeps its memory in pyrit.db under its results folder.`,
      { field: 'path', path: filePath },
    );
  if (kind === 'sqlite' && stat.size > MAX_IMPORT_BYTES)
    throw new InvalidInputError(
      `${quotedPath(filePath)} is ${Math.ceil(stat.size / 1024 / 1024)} MiB; a PyRIT memory is imported whole into memory, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB. Copy the runs you want into a smaller file first (sqlite3's .backup, or PyRIT's memory export).`,
      { field: 'path', path: filePath, bytes: stat.size, limit: MAX_IMPORT_BYTES },
    );
  return { kind, bytes: stat.size };
}

/**
 * A rollback journal or a write-ahead log beside the file means a program is writing it (or crashed while it
 * was): the main file alone may hold half of a transaction. SQLite's own locks are advisory and sql.js reads a
 * copy, so the check is made here instead.
 */
function refuseWhileWritten(filePath: string): void {
  for (const suffix of ['-journal', '-wal']) {
    const size = fs.statSync(`${filePath}${suffix}`, { throwIfNoEntry: false })?.size ?? 0;
    if (size > 0)
      throw new DatabaseLockedError(
        `${quotedPath(filePath)} is being written: ${filePath}${suffix} is beside it. Let PyRIT finish (or close it) and import again.`,
        { path: filePath },
      );
  }
}

/** A SQLite memory as sql.js tables; a file SQLite cannot read is refused with what SQLite said. */
export async function openSqliteMemory(filePath: string): Promise<SourceTables> {
  refuseWhileWritten(filePath);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (error) {
    throw unreadable(filePath, error);
  }
  refuseWhileWritten(filePath);
  const SQL = await loadSqlJs();
  const database = new SQL.Database(bytes);
  try {
    database.exec('SELECT count(*) FROM sqlite_master');
  } catch (error) {
    database.close();
    throw new InvalidInputError(
      `${quotedPath(filePath)} starts like a SQLite database but SQLite cannot read it (${(error as Error).message}).`,
      { field: 'path', path: filePath },
    );
  }
  return new SqliteSourceTables(database);
}

/** Whether an existing file is a PyRIT memory (what an export may replace): SQLite with PromptMemoryEntries. */
export async function isPyritSqliteMemory(filePath: string): Promise<boolean> {
  try {
    const { kind } = inspectMemoryFile(filePath);
    if (kind !== 'sqlite') return false;
    const tables = await openSqliteMemory(filePath);
    try {
      return (await tables.columns('PromptMemoryEntries')) !== null;
    } finally {
      tables.close();
    }
  } catch {
    return false;
  }
}
