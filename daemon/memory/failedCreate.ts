import fs from 'node:fs/promises';
import type { Log } from './databaseOpener';
import { messageOf } from './duckdbErrors';
import { quarantineDatabaseFiles } from './quarantine';

/**
 * DuckDB writes a new file's main header and its two database headers (4 KiB each) before anything else: a file
 * shorter than that never got past being created, so it cannot hold a single row.
 */
export const DUCKDB_HEADER_BYTES = 3 * 4096;

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return null;
  }
}

/**
 * A create that failed (the disk was full) leaves an empty file, or one with part of a header, which DuckDB then
 * refuses for good ("not a valid DuckDB database file", "Could not read enough bytes"). Such a file, with no log
 * beside it, is moved out of the way so that the open creates the database anew. An empty one holds nothing and is
 * removed; a partial header is first copied to quarantine like any file we cannot read, and kept there if the copy
 * fails (the disk is still full): then it stays, and the next open tries again. Returns whether it was moved.
 */
export async function clearFailedCreate(dbPath: string, now: number, log: Log): Promise<boolean> {
  const size = await sizeOf(dbPath);
  if (size === null || size >= DUCKDB_HEADER_BYTES) return false;
  // A log beside it is writes we did not make (or do not understand): not ours to set aside.
  if (((await sizeOf(`${dbPath}.wal`)) ?? 0) > 0) return false;
  let kept = '';
  if (size > 0) {
    try {
      kept = ` (a copy is in ${(await quarantineDatabaseFiles(dbPath, now)).folder})`;
    } catch (error) {
      log(
        'warn',
        `${dbPath} is an unfinished DuckDB header; copying it aside failed, so it stays: ${messageOf(error)}`,
      );
      return false;
    }
  }
  await fs.rm(dbPath, { force: true });
  await fs.rm(`${dbPath}.wal`, { force: true });
  log('warn', `${dbPath} held ${size} bytes, an unfinished create (a full disk?); creating it anew${kept}`);
  return true;
}
