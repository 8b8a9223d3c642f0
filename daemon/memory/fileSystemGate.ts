import fs from 'node:fs';
import path from 'node:path';

/**
 * A readers-writer lock per file system, over every memory file on it. Ordinary commits (appends, in-place
 * updates) hold it shared and run side by side; a commit that must not run out of space part-way (see
 * diskSpace.ts), and a checkpoint or close that writes the file, hold it alone, so the free space they checked is
 * not taken by another user's commit on the same disk while they write. Strictly first come, first served: a
 * waiting exclusive holder stops new shared ones, so a stream of appends cannot starve it.
 */
export class FileSystemGate {
  private shared = 0;
  private exclusive = false;
  private readonly waiting: { exclusive: boolean; grant: () => void }[] = [];

  /** Resolves with the release function once held; releasing twice is harmless. */
  acquire(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({ exclusive, grant: () => resolve(this.releaser(exclusive)) });
      this.admit();
    });
  }

  async run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(exclusive);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private admit(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0];
      if (this.exclusive || (next.exclusive && this.shared > 0)) return;
      if (next.exclusive) this.exclusive = true;
      else this.shared++;
      this.waiting.shift();
      next.grant();
    }
  }

  private releaser(exclusive: boolean): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (exclusive) this.exclusive = false;
      else this.shared--;
      this.admit();
    };
  }
}

const gates = new Map<string, FileSystemGate>();

/**
 * The gate of the file system holding `dbPath`, shared by every DatabaseManager in the process (users' files share
 * a disk). Keyed by device; a directory that cannot be stat'ed yet gets a gate of its own path.
 */
export function gateFor(dbPath: string): FileSystemGate {
  const dir = path.dirname(dbPath);
  const device = fs.statSync(dir, { throwIfNoEntry: false })?.dev;
  const key = device === undefined ? `path:${dir}` : `dev:${device}`;
  let gate = gates.get(key);
  if (gate === undefined) {
    gate = new FileSystemGate();
    gates.set(key, gate);
  }
  return gate;
}
