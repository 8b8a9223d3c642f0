// Phase 1: the mocha suite (dist/test/editor/suite) inside the real Node extension host of code-server, with the
// repo as the extension under development. code-server refuses --extensionDevelopmentPath on its command line,
// but the workbench URL takes the same as `payload`; the suite's exit code comes back through
// window.codeAutomationExit, its per-test outcomes through a result file.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  LAB,
  REPO,
  labEnv,
  launchChromium,
  makeRunDirs,
  seedWorkspace,
  startCodeServer,
  stopDaemon,
  tail,
  writeUserSettings,
} from './lab.mjs';

const SUITE_TIMEOUT_MS = 6 * 60_000;

export async function runHostSuite({ log, record }) {
  const dirs = makeRunDirs('host');
  seedWorkspace(dirs);
  // Settings the suite checks reach the daemon this window spawns (and differ from the env's memory dir).
  writeUserSettings(dirs, {
    'violentutf.memoryDir': dirs.memorySetting,
    'violentutf.pool.size': 7,
    'violentutf.pool.ttlMinutes': 12,
  });
  const resultFile = `${dirs.root}/mocha-result.json`;
  const env = labEnv(dirs, { VUTF_EDITOR_RESULT: resultFile, VUTF_EDITOR_FRESH_STATE: '1' });
  let server;
  let context;
  const consoleLines = [];
  try {
    server = await startCodeServer(dirs, env, log);
    context = await launchChromium(dirs);
    const page = context.pages()[0] ?? (await context.newPage());
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['extensionTestsPath', `vscode-remote://${authority}${REPO}/dist/test/editor/suite/index.js`],
      ['skipWelcome', 'true'],
    ];
    // The remote extension host's console is forwarded to the page as ('%c…', css, format, ...args).
    page.on('console', async (message) => {
      let values;
      try {
        values = await Promise.all(message.args().map((arg) => arg.jsonValue()));
      } catch {
        values = [message.text()];
      }
      if (typeof values[0] === 'string' && values[0].startsWith('%c')) values = values.slice(2);
      consoleLines.push(util.format(...values));
    });
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
      void page.exposeFunction('codeAutomationLog', () => {});
    });
    const started = Date.now();
    // A loaded machine (other builds, other editors) can take well over playwright's default 30 s to serve the page.
    await page.goto(
      `${server.base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { timeout: 120_000 },
    );
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)),
    ]);
    log(`extension-host suite finished with ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
    const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : null;
    if (!result) {
      record(
        'extension-host mocha suite ran',
        false,
        `no result file (exit ${code}); extension host console:\n${consoleLines.slice(-30).join('\n')}`,
      );
    } else {
      for (const outcome of result.outcomes) {
        const state = outcome.state === 'skipped' ? 'skipped' : outcome.state === 'passed';
        record(
          `[host] ${outcome.title}`,
          state,
          outcome.error ? outcome.error.split('\n').slice(0, 6).join('\n') : undefined,
        );
      }
      if (code !== 0 && result.failures === 0) record('extension-host suite exit code', false, `exit ${code}`);
    }
  } catch (error) {
    record('extension-host phase', false, String(error?.stack ?? error));
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    await stopDaemon(dirs.state, log);
    fs.writeFileSync(`${dirs.root}/exthost-console.log`, consoleLines.join('\n'));
    keepLogs('host', dirs);
  }
}

/** Logs survive the run in .editor-lab/last-run/<phase>/ (the temp dirs are removed). */
export function keepLogs(phase, dirs) {
  const target = path.join(LAB, 'last-run', phase);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const copy = (from, name) => {
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, name), { recursive: true });
  };
  copy(`${dirs.root}/code-server.log`, 'code-server.log');
  copy(`${dirs.root}/exthost-console.log`, 'exthost-console.log');
  copy(`${dirs.state}/daemon.log`, 'daemon.log');
  copy(`${dirs.root}/mocha-result.json`, 'mocha-result.json');
  copy(`${dirs.userData}/logs`, 'vscode-logs');
  fs.rmSync(dirs.root, { recursive: true, force: true });
}

export { tail };
