import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A small tmpfs mounted on a test's memory dir: a disk the test can fill to the last byte and free again. */
export interface TmpfsDisk {
  readonly dir: string;
  /** Bytes an unprivileged writer may still use. */
  free(): number;
  /** Fills the disk until `leaveBytes` are left (0: DuckDB's next write that needs a new page fails). */
  fill(leaveBytes?: number): void;
  /** Frees what fill() took. */
  release(): void;
  unmount(): void;
}

/**
 * Mounts a tmpfs of `size` (e.g. "24m") on `dir`. The tmpfsMount() requirement has already mounted one a moment
 * ago, so failing here is a failure, not a machine without tmpfs.
 */
export function mountTmpfs(dir: string, size: string): TmpfsDisk {
  fs.mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (mounted.status !== 0)
    throw new Error(
      `cannot mount the tmpfs (${(mounted.stderr || mounted.error?.message || `exit ${mounted.status}`).trim()})`,
    );
  const filler = path.join(dir, 'filler.bin');
  const free = () => {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    free,
    fill(leaveBytes = 0) {
      fs.appendFileSync(filler, Buffer.alloc(Math.max(0, free() - leaveBytes), 0x5a));
    },
    release() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      spawnSync('umount', ['-l', dir], { timeout: 10_000 });
    },
  };
}

/** Holds callers until opened: a model whose answers the test lets through when it chooses. */
export class Gate {
  private opened = false;
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    if (this.opened) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  open(): void {
    this.opened = true;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  get waiting(): number {
    return this.waiters.length;
  }
}
