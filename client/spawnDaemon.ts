import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir } from './privateFiles';
import { probeDaemon } from './locateDaemon';
import type { Discovery } from './discovery';
import { setTimeout as delay } from 'node:timers/promises';

export interface SpawnDaemonOptions {
  stateDir: string;
  /** The bundled daemon entry (dist/daemon.js). */
  daemonScript: string;
  /** Node, or VS Code's Electron with ELECTRON_RUN_AS_NODE=1 in env. */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
  port?: number;
  timeoutMs?: number;
}

export interface SpawnDaemonResult {
  discovery: Discovery;
  /** True when another daemon was already serving this user and nothing was started. */
  alreadyRunning: boolean;
  logFile: string;
}

export function daemonLogPath(stateDir: string): string {
  return path.join(stateDir, 'daemon.log');
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts the daemon detached (it outlives the caller), logging to the state dir, and waits until it completes a
 * handshake. If a daemon already serves this user, that one is returned instead: two starts give one daemon.
 */
export async function spawnDaemon(options: SpawnDaemonOptions): Promise<SpawnDaemonResult> {
  const logFile = daemonLogPath(options.stateDir);
  const existing = await probeDaemon(options.stateDir);
  if (existing) return { discovery: existing, alreadyRunning: true, logFile };

  ensurePrivateDir(options.stateDir);
  const logFd = fs.openSync(logFile, 'a', 0o600);
  // open()'s mode only applies to a new file; a log from before may be 0644, and it holds what runs said.
  fs.fchmodSync(logFd, 0o600);
  const args = [options.daemonScript, ...(options.port ? ['--port', String(options.port)] : [])];
  const child = spawn(options.execPath ?? process.execPath, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...(options.env ?? process.env), VUTF_STATE_DIR: options.stateDir },
  });
  fs.closeSync(logFd);
  let exitCode: number | null = null;
  child.once('exit', (code) => (exitCode = code ?? 1));
  child.unref();

  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const found = await probeDaemon(options.stateDir, 1000);
    if (found) return { discovery: found, alreadyRunning: found.pid !== child.pid, logFile };
    if (exitCode !== null) {
      const reason = tail(logFile, 3) || `exit code ${exitCode}`;
      throw new Error(`the daemon exited during start (code ${exitCode}): ${reason}`);
    }
    await delay(100);
  }
  throw new Error(`the daemon did not answer within ${options.timeoutMs ?? 15_000} ms; see ${logFile}`);
}
