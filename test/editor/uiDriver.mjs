// What the ui phase's steps drive the workbench with: the palette, Quick Open, the status bar and its tooltip,
// webview frames, and the CLI against the window's daemon. Shared by ui.mjs and the step files beside it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, sleep } from './lab.mjs';

export const STATUS_ITEM = '[id="violentutf.violentutf-orchestrators.violentutf.status"]';
export const USERNAME = 'Red Teamer';
export const STEP_MS = 30_000;

export function writeConfig(file, config) {
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** `vutf launch FILE --wait` against the window's daemon; answers its exit code (0 only for a completed run). */
export function cliLaunch(file, env) {
  const result = spawnSync(
    process.execPath,
    [path.join(REPO, 'dist/cli.js'), 'launch', file, '--wait', '--user', USERNAME],
    { env, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.error) throw result.error;
  return result.status;
}

export async function waitFor(predicate, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await sleep(250);
  }
  throw new Error(`timeout after ${ms} ms: ${what}`);
}

export async function openStatusTooltip(page, status) {
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'ViolentUTF daemon' }).first();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.mouse.move(0, 0);
    await status.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 5000 });
      return hover;
    } catch {
      // hovers need the pointer to rest; move away and try again
    }
  }
  throw new Error('the status bar tooltip did not appear');
}

export async function runCommand(page, label, shotName, shot) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // F1 right after a quick pick was dismissed from a webview can be swallowed: press it once more.
  const opened = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!opened) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
  }
  await page.keyboard.type(label, { delay: 5 });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10_000 });
  if (shotName) await shot(shotName);
  const typed = await input.inputValue();
  await page.keyboard.press('Enter');
  // The palette closes; a command that asks something (Show Results: which execution?) opens its own quick pick in
  // the same widget at once, which can come before a check for "hidden" sees the palette go.
  await waitFor(
    async () => !(await input.isVisible()) || (await input.inputValue()) !== typed,
    10_000,
    `the palette closing after "${label}"`,
  );
}

export async function openFile(page, fileName) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(fileName, { delay: 5 });
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: fileName })
    .first()
    .waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 10_000 });
}

/** A webview is two nested iframes; only the visible one is the active panel. */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

export function readDiscoveryPid(stateDir) {
  return JSON.parse(fs.readFileSync(path.join(stateDir, 'daemon.json'), 'utf8')).pid;
}
