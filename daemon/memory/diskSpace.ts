import fs from 'node:fs';
import path from 'node:path';

/**
 * Free space a transaction that rewrites rows must find before its COMMIT, beyond twice what it writes.
 *
 * Why any of this: DuckDB 1.5 runs an UPDATE … RETURNING, and an INSERT … ON CONFLICT DO UPDATE, on a table
 * with a primary key as a delete plus an insert of the whole row. When the COMMIT of such a transaction fails
 * part-way through writing the WAL (the disk fills up after its first page), DuckDB's undo puts the old key back
 * before taking the new one out, hits its own "duplicate key" and throws a FatalException out of a worker thread:
 * the process aborts (SIGABRT) and every user's run dies with it. Nothing the daemon catches can stop that, so such
 * a COMMIT is only started when it cannot run out of space. The rewritten row can hold columns the statement
 * does not pass (an execution's prompt list), so a fixed allowance covers them: 4 MiB is a list of ~40,000
 * prompts. Appends, inserts and in-place updates undo cleanly (tried on a tmpfs) and go ahead without this check.
 */
export const REWRITE_HEADROOM_BYTES = 4 * 1024 * 1024;

/** Nothing was written: the disk had too little room for the write to be safe to try. */
export class DiskFullError extends Error {
  constructor(
    readonly dbPath: string,
    readonly freeBytes: number,
    readonly neededBytes: number,
  ) {
    super(
      `No space left on device for ${dbPath}: ${formatBytes(freeBytes)} free, this write needs ${formatBytes(neededBytes)}; nothing was written`,
    );
  }
}

/** Bytes an unprivileged writer may still use on the file system of `dir`; null when that cannot be told. */
export function freeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** Throws DiskFullError unless the file's disk has room for a write of about `writeBytes` and the headroom. */
export function assertRoomFor(dbPath: string, writeBytes: number): void {
  const free = freeBytes(path.dirname(dbPath));
  // A file system that cannot say (statfs unsupported) is not refused: DuckDB's own error is then the answer.
  if (free === null) return;
  const needed = REWRITE_HEADROOM_BYTES + 2 * writeBytes;
  if (free < needed) throw new DiskFullError(dbPath, free, needed);
}

/** Whether the disk has room for a write of about `writeBytes` and the headroom (true when it cannot say). */
export function hasRoomFor(dbPath: string, writeBytes: number): boolean {
  const free = freeBytes(path.dirname(dbPath));
  return free === null || free >= REWRITE_HEADROOM_BYTES + 2 * writeBytes;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
