import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The state dir holds the signing secret and the discovery file: only its owner may list it. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by umask and ignored for an existing dir, so set it explicitly.
  fs.chmodSync(dir, 0o700);
}

/**
 * Writes `content` so that readers see either the old file or the whole new one, never a torn write,
 * and the file is 0600 from the first byte (no window where it is world-readable).
 */
export function writePrivateFileAtomic(file: string, content: string | Buffer): void {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Creates the file only if absent (O_EXCL), 0600. Returns false when another process won the race. */
export function createPrivateFileExclusive(file: string, content: string | Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}
