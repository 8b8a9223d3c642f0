import fs from 'node:fs';
import path from 'node:path';
import { createPrivateFileExclusive } from '../../client/privateFiles';
import { isProcessAlive } from '../../client/processAlive';
import type { Discovery } from '../../client/discovery';
import { setTimeout as delay } from 'node:timers/promises';

export const LOCK_FILE = 'daemon.lock';

export type LockOutcome = { acquired: true; release: () => void } | { acquired: false; running: Discovery };

export interface StartLockOptions {
  stateDir: string;
  /** Finds a daemon that completes a handshake (see probeDaemon). */
  probe: () => Promise<Discovery | undefined>;
  /** How long a live lock holder may take to start listening before we call it stuck. */
  startGraceMs?: number;
}

function readLockPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function lockAgeMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Two contenders may both judge the same lock stale; the slower one must not throw away the fresh lock the faster
 * one just made. So the lock is renamed aside first and, if what was moved turns out to be a live contender's,
 * put back.
 */
function clearStaleLock(file: string, staleHolder: number | undefined): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // already cleared by someone else
  }
  const moved = readLockPid(aside);
  if (moved !== undefined && moved !== staleHolder && isProcessAlive(moved)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third contender holds it now; theirs stands
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * One daemon per state dir, as Nx does it: the lock is created with O_EXCL and holds the owner's pid for the
 * daemon's whole life. A lock whose pid is dead (kill -9, crash, reboot) is stale and replaced; a live holder
 * that never completes a handshake within the grace period (pid reused, hung start) is stale too.
 */
export async function acquireStartLock(options: StartLockOptions): Promise<LockOutcome> {
  const file = path.join(options.stateDir, LOCK_FILE);
  const graceMs = options.startGraceMs ?? 15_000;
  for (;;) {
    if (createPrivateFileExclusive(file, `${process.pid}\n`)) {
      return {
        acquired: true,
        release: () => {
          if (readLockPid(file) === process.pid) fs.rmSync(file, { force: true });
        },
      };
    }
    const holder = readLockPid(file);
    const running = await options.probe();
    if (running) return { acquired: false, running };
    if (holder === undefined || !isProcessAlive(holder) || lockAgeMs(file) > graceMs) {
      clearStaleLock(file, holder);
      continue;
    }
    await delay(200); // a live daemon is still starting: wait for it to listen, then the probe finds it
  }
}
