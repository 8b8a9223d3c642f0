import fs from 'node:fs/promises';
import path from 'node:path';

export interface QuarantineRecord {
  folder: string;
  files: string[];
  /** Identifies the files that were copied, so the same broken files are not copied again on every retry. */
  identity: string;
}

/** `2025-01-02T03-04-05-678Z`: sortable, and legal in file names on every OS. */
function folderStamp(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/[:.]/g, '-');
}

async function statIdentity(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    return `${stat.size}@${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/** Size and time of the database and of its log: when neither changed, a copy made earlier is still a copy of them. */
export async function filesIdentity(dbPath: string): Promise<string> {
  return `${await statIdentity(dbPath)}|${await statIdentity(`${dbPath}.wal`)}`;
}

/**
 * Copies the database and its write-ahead log to `quarantine/<name>-<time>/` beside the file. Copies only:
 * the originals stay where they are, because which of them still holds the user's last results is a call
 * for a person (or for DuckDB's next release), not for a daemon that wants to get going again.
 */
export async function quarantineDatabaseFiles(dbPath: string, nowMs: number): Promise<QuarantineRecord> {
  const identity = await filesIdentity(dbPath);
  const folder = path.join(path.dirname(dbPath), 'quarantine', `${path.basename(dbPath)}-${folderStamp(nowMs)}`);
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  for (const source of [dbPath, `${dbPath}.wal`]) {
    const target = path.join(folder, path.basename(source));
    try {
      await fs.copyFile(source, target, fs.constants.COPYFILE_EXCL);
      files.push(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { folder, files, identity };
}
