#!/usr/bin/env node
// `npm run test:editor` (after scripts/editor/install.sh): the extension in a real VS Code.
//   1. the mocha suite inside the real extension host (hostSuite.mjs), the repo as extension under development;
//   2. the packaged .vsix installed into a clean code-server and driven like a person with playwright-core
//      (ui.mjs), with screenshots: into a fresh temp folder (printed at the end), so that a test run writes no
//      tracked file; into docs/images/ (the README's) only with --update-screenshots (`npm run screenshots`).
// Every phase has its own temp HOME/XDG/state/memory dirs; every process started is stopped; every wait is
// bounded, and a watchdog ends the whole run. Ends with "N passed, N failed, N skipped" and exit 1 on failure.
//
//   node test/editor/run.mjs [host|ui] [--update-screenshots]     (default: both phases, screenshots to a temp dir)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSuite } from '../../scripts/editor/build-suite.mjs';
import { packageExtension } from '../../scripts/editor/package.mjs';
import { CHROMIUM, CODE_SERVER, LAB, REPO } from './lab.mjs';
import { runHostSuite } from './hostSuite.mjs';
import { runUiChecks } from './ui.mjs';

// Both phases take ~12 min on a machine shared with other builds; the watchdog is for a hung run, not a slow one.
const WATCHDOG_MS = 20 * 60_000;
const args = process.argv.slice(2);
const updateScreenshots = args.includes('--update-screenshots');
const phases = args.filter((arg) => arg !== '--update-screenshots');
if (phases.length > 1 || (phases.length === 1 && !['host', 'ui'].includes(phases[0]))) {
  console.error('usage: node test/editor/run.mjs [host|ui] [--update-screenshots]');
  process.exit(2);
}
const only = phases[0];
if (updateScreenshots && only === 'host') {
  console.error('--update-screenshots needs the ui phase (the host phase takes none)');
  process.exit(2);
}
// Only the ui phase takes screenshots.
const shotsDir =
  only === 'host'
    ? undefined
    : updateScreenshots
      ? path.join(REPO, 'docs/images')
      : fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-screenshots-'));
const lastRun = path.join(LAB, 'last-run');
const started = Date.now();
const log = (...args) => console.log(`[editor ${Math.round((Date.now() - started) / 1000)}s]`, ...args);
const results = [];

/** passed: true | false | 'skipped' */
function record(title, passed, detail) {
  results.push({ title, passed, detail });
  const mark = passed === 'skipped' ? 'SKIP' : passed ? 'PASS' : 'FAIL';
  console.log(
    `  ${mark} ${title}${detail && passed !== true ? `\n       ${String(detail).split('\n').join('\n       ')}` : ''}`,
  );
}

function summarize() {
  const passed = results.filter((r) => r.passed === true).length;
  const failed = results.filter((r) => r.passed === false).length;
  const skipped = results.filter((r) => r.passed === 'skipped').length;
  console.log(
    `\n[editor] finished in ${Math.round((Date.now() - started) / 1000)} s; logs of the last run in ${lastRun}/`,
  );
  if (only !== 'host')
    console.log(
      updateScreenshots
        ? `[editor] screenshots written to ${shotsDir} (the README's; review and commit them)`
        : `[editor] screenshots of this run in ${shotsDir} (npm run screenshots writes them to docs/images/)`,
    );
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

const watchdog = setTimeout(() => {
  record('editor run finished within the watchdog', false, `${WATCHDOG_MS / 60_000} minutes passed`);
  process.exit(summarize());
}, WATCHDOG_MS);
watchdog.unref();

for (const [what, file] of [
  ['code-server (run scripts/editor/install.sh)', CODE_SERVER],
  ['chromium', CHROMIUM],
  ['dist/daemon.js (run npm run build)', path.join(REPO, 'dist/daemon.js')],
  ['dist/daemon.bundle.js (dist/daemon.js runs it)', path.join(REPO, 'dist/daemon.bundle.js')],
  ['dist/memoryThread.js (the daemon starts its memory thread from it)', path.join(REPO, 'dist/memoryThread.js')],
  ['dist/extension.js', path.join(REPO, 'dist/extension.js')],
  ['dist/sql-wasm.wasm (PyRIT SQLite interchange)', path.join(REPO, 'dist/sql-wasm.wasm')],
]) {
  if (!fs.existsSync(file)) {
    record(`prerequisite: ${what}`, false, `${file} is missing`);
    process.exit(summarize());
  }
}

let exitCode = 1;
// Logs and failure screenshots of this run only.
fs.rmSync(lastRun, { recursive: true, force: true });
try {
  await buildSuite();
  if (only !== 'ui') {
    log('phase 1: mocha suite in the extension host');
    await runHostSuite({ log, record });
  }
  if (only !== 'host') {
    log('phase 2: packaged extension driven in the workbench');
    let vsix;
    try {
      // The bundles were just built by `npm run build`; packaging them as they are keeps both phases on one build.
      vsix = packageExtension({ build: false, quiet: true });
      record('npm run package makes a .vsix', true);
    } catch (error) {
      record('npm run package makes a .vsix', false, String(error?.message ?? error));
    }
    if (vsix) await runUiChecks({ log, record, vsix, shotsDir });
  }
} catch (error) {
  record('editor harness', false, String(error?.stack ?? error));
} finally {
  exitCode = summarize();
}
process.exit(exitCode);
