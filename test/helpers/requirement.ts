// What a test needs from the machine (a tool, a Debian package, a privilege), said in one place so that a missing
// one is never silent. On a developer's machine (CI unset) the test skips, and the skip message names what to
// install. Under CI (CI=true) the same test runs and fails with that message: CI must provide everything the
// tests need (.ci/run installs it), and a fault test that quietly skipped there would prove nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Requirement {
  readonly name: string;
  readonly present: boolean;
  /** The `skip` option of node:test's `it`/`describe`: the message when missing outside CI, else false. */
  readonly skip: string | false;
  /** Throws the message when missing. Call it first in the test (or its before hook): under CI that fails it. */
  assert(): void;
}

/**
 * Names listed here (comma-separated) count as missing even when present, to try the skip path (CI unset) and
 * the failure path (CI=true) of a test on a machine that has what it needs. It can only turn a run into a skip
 * or a failure, never a failure into a pass.
 */
export const PRETEND_MISSING_ENV = 'VUTF_TEST_PRETEND_MISSING';

/** CI=true, CI=1, any other non-empty value except "false"/"0" (the convention of CI services and `is-ci`). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/**
 * `isPresent` is asked once, now. A probe that throws counts as "missing" (with its error in the message):
 * a requirement that cannot even be checked is not met.
 */
export function requireTool(
  name: string,
  isPresent: () => boolean,
  installHint: string,
  env: NodeJS.ProcessEnv = process.env,
): Requirement {
  const pretended = (env[PRETEND_MISSING_ENV] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .includes(name);
  let present = false;
  let probeError = '';
  if (!pretended) {
    try {
      present = isPresent();
    } catch (error) {
      probeError = ` (checking for it failed: ${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const why = pretended ? ` (${PRETEND_MISSING_ENV} says so)` : probeError;
  const ci = isCI(env);
  const message = `${name} is missing${why}: ${installHint}${
    ci ? '. CI must provide what the tests need (.ci/run), so under CI this test fails instead of skipping' : ''
  }`;
  return {
    name,
    present,
    skip: present || ci ? false : message,
    assert() {
      if (!present) throw new Error(message);
    },
  };
}

/** A command that runs and exits 0, e.g. `prlimit --version`. */
export function commandSucceeds(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

// The requirements of the suites, each a function so a test file only probes for what it uses.

/** The Python example client runs under Debian's python3 with Debian's websockets (python3-websockets). */
export function pythonWebsockets(env: NodeJS.ProcessEnv = process.env): Requirement {
  return requireTool(
    'python3-websockets',
    () => commandSucceeds('/usr/bin/python3', ['-c', 'import websockets']),
    'install python3-websockets (apt-get install python3-websockets)',
    env,
  );
}

/** util-linux's prlimit: sets a file size limit on a running process (DuckDB then hits a fatal write error). */
export function prlimit(env: NodeJS.ProcessEnv = process.env): Requirement {
  return requireTool(
    'prlimit',
    () => commandSucceeds('prlimit', ['--version']),
    'install util-linux (apt-get install util-linux)',
    env,
  );
}

/** Mounting a small tmpfs (a disk that can fill up): needs root or CAP_SYS_ADMIN, and `mount`/`umount`. */
export function tmpfsMount(env: NodeJS.ProcessEnv = process.env): Requirement {
  return requireTool(
    'tmpfs',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-tmpfs-probe-'));
      try {
        if (!commandSucceeds('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir])) return false;
        return commandSucceeds('umount', [dir]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    'run the tests as root (or with CAP_SYS_ADMIN) so that `mount -t tmpfs` works; mount and umount are in the mount package (apt-get install mount)',
    env,
  );
}

/** Debian's chromium (the report test renders a report in it headless, with playwright-core driving it). */
export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';

export function chromiumBrowser(env: NodeJS.ProcessEnv = process.env): Requirement {
  return requireTool(
    'chromium',
    () => commandSucceeds(CHROMIUM_PATH, ['--headless', '--no-sandbox', '--version']),
    'install Debian chromium (apt-get install chromium), or set CHROMIUM to a Chromium binary',
    env,
  );
}
