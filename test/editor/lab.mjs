// The editor lab: start code-server (a real VS Code 1.100.3: server + web workbench) and Chromium with isolated
// directories, and take every process down again. Used by run.mjs; knows nothing of the tests themselves.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const LAB = process.env.EDITOR_LAB || path.join(REPO, '.editor-lab');
export const CODE_SERVER = path.join(LAB, 'cs/node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`timeout after ${timeoutMs} ms waiting for ${url}`);
}

/**
 * Fresh, short-pathed directories for one phase. Everything a run writes — HOME, XDG dirs, VS Code's user data
 * and extensions, the daemon's state dir and memory — lives here, never in the real home. Short because VS Code
 * puts unix sockets under TMPDIR and socket paths are limited to ~107 bytes.
 */
export function makeRunDirs(phase) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `vutf-${phase}-`));
  const dirs = {
    root,
    home: `${root}/home`,
    userData: `${root}/ud`,
    extensions: `${root}/ext`,
    xdg: `${root}/xdg`,
    tmp: `${root}/tmp`,
    workspace: `${root}/ws`,
    chrome: `${root}/chrome`,
    state: `${root}/state`,
    memoryEnv: `${root}/memory-env`,
    memorySetting: `${root}/memory-setting`,
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(`${dirs.userData}/User`, { recursive: true });
  return dirs;
}

/** User settings of the lab's VS Code: quiet workbench, and the extension's settings the tests check. */
export function writeUserSettings(dirs, extra = {}) {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    // VS Code's default, stated: the extension opens its walkthrough only while this is on (both phases check it).
    'workbench.welcomePage.walkthroughs.openOnInstall': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'remote.autoForwardPorts': false,
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'window.commandCenter': true,
    ...extra,
  };
  fs.writeFileSync(`${dirs.userData}/User/settings.json`, JSON.stringify(settings, null, 2));
}

/** The environment code-server (and so the extension host and the daemon it spawns) runs with. */
export function labEnv(dirs, extra = {}) {
  const env = { ...process.env };
  // Whatever the calling shell points at, the lab uses its own.
  for (const key of Object.keys(env))
    if (key.startsWith('VSCODE_') || key.startsWith('VUTF_') || key === 'VIOLENTUTF_MEMORY_DIR') delete env[key];
  return {
    ...env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: `${dirs.xdg}/config`,
    XDG_DATA_HOME: `${dirs.xdg}/data`,
    XDG_CACHE_HOME: `${dirs.xdg}/cache`,
    XDG_STATE_HOME: `${dirs.xdg}/state`,
    TMPDIR: dirs.tmp,
    VUTF_STATE_DIR: dirs.state,
    VIOLENTUTF_MEMORY_DIR: dirs.memoryEnv,
    // A daemon left behind by a crashed run stops by itself soon.
    VUTF_IDLE_SHUTDOWN_MINUTES: '2',
    ...extra,
  };
}

export function installVsix(dirs, env, vsix) {
  return execFileSync(
    CODE_SERVER,
    ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix],
    {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
}

/** Starts code-server in its own process group (so ptyHost, file watcher and extension host go down with it). */
export async function startCodeServer(dirs, env, log) {
  const port = await freePort();
  const logFile = `${dirs.root}/code-server.log`;
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(
    CODE_SERVER,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      dirs.workspace,
    ],
    { env, stdio: ['ignore', fd, fd], detached: true },
  );
  fs.closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  log(`code-server pid ${child.pid} on ${base}`);
  const server = {
    child,
    port,
    base,
    logFile,
    async stop() {
      const group = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      };
      group('SIGTERM');
      await Promise.race([
        new Promise((resolve) =>
          child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', resolve),
        ),
        sleep(5000),
      ]);
      await sleep(300);
      group('SIGKILL'); // ptyHost lingers for terminal reconnection; nothing of the group may outlive the run
    },
  };
  try {
    await waitHttp(`${base}/healthz`, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

export async function launchChromium(dirs) {
  return chromium.launchPersistentContext(dirs.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's crash reporter and caches follow HOME/XDG: keep them in the run dir too.
    env: {
      ...process.env,
      HOME: dirs.home,
      XDG_CONFIG_HOME: `${dirs.xdg}/chrome-config`,
      XDG_CACHE_HOME: `${dirs.xdg}/chrome-cache`,
    },
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The daemon is detached from everything we started: stop it by the pid in its discovery file. */
export async function stopDaemon(stateDir, log) {
  let pid;
  try {
    pid = JSON.parse(fs.readFileSync(path.join(stateDir, 'daemon.json'), 'utf8')).pid;
  } catch {
    return;
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    log(`daemon ${pid} ignored SIGTERM; killing it`);
    process.kill(pid, 'SIGKILL');
  } else log(`daemon ${pid} stopped`);
}

export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/** Copies the repo's example configs (and datasets) into a test workspace, as a user's project would hold them. */
export function seedWorkspace(dirs) {
  const examples = path.join(REPO, 'examples');
  if (fs.existsSync(examples)) {
    fs.cpSync(examples, path.join(dirs.workspace, 'examples'), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}python`),
    });
  }
  // The examples point "$schema" at ../docs/orchestrator.schema.json; keep that path valid in the copy.
  const schema = path.join(REPO, 'docs', 'orchestrator.schema.json');
  if (fs.existsSync(schema)) {
    fs.mkdirSync(path.join(dirs.workspace, 'docs'), { recursive: true });
    fs.copyFileSync(schema, path.join(dirs.workspace, 'docs', 'orchestrator.schema.json'));
  }
  fs.writeFileSync(path.join(dirs.workspace, 'README.md'), '# red-team workspace (editor test)\n');
}
