#!/usr/bin/env node
// Writes test/fixtures/vscodeThemes/*.json: the --vscode-* CSS variables a real VS Code (the lab's code-server)
// gives a webview in its default dark, light and high-contrast themes. The webview tests (test/webview/) set them on
// the page as VS Code does, so axe checks the panels' contrast against real theme colours, not against none.
// Re-run after a code-server upgrade:
//   EDITOR_LAB=/var/cache/violentutf-editor-lab flock /tmp/editor-test.lock node scripts/editor/capture-theme-variables.mjs
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO,
  labEnv,
  launchChromium,
  makeRunDirs,
  sleep,
  startCodeServer,
  writeUserSettings,
} from '../../test/editor/lab.mjs';

// File name → the theme's settings id and the class VS Code puts on a webview's body for its kind.
const THEMES = {
  dark: ['Default Dark Modern', 'vscode-dark'],
  light: ['Default Light Modern', 'vscode-light'],
  'high-contrast': ['Default High Contrast', 'vscode-high-contrast'],
  'high-contrast-light': ['Default High Contrast Light', 'vscode-high-contrast-light'],
};
const OUT = path.join(REPO, 'test/fixtures/vscodeThemes');
const log = (...args) => console.log('[themes]', ...args);

/** One code-server per theme: the theme is set before the window opens (a settings edit later is not re-read). */
async function capture(theme, kind) {
  const dirs = makeRunDirs('themes');
  fs.writeFileSync(path.join(dirs.workspace, 'README.md'), '# theme capture\n\nSome text.\n');
  writeUserSettings(dirs, { 'workbench.colorTheme': theme });
  const server = await startCodeServer(dirs, labEnv(dirs), log);
  const context = await launchChromium(dirs);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.base}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: 120_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await sleep(2000);
    await page.keyboard.press('Control+P');
    await page.keyboard.type('README.md', { delay: 5 });
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'README.md' }).first();
    await row.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'README.md' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('F1');
    await page.keyboard.type('Markdown: Open Preview', { delay: 5 });
    const command = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Markdown: Open Preview' });
    await command.first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
    await frame.locator('body').waitFor({ timeout: 60_000 });
    await sleep(1000);
    const captured = await frame.locator('html').evaluate(() => {
      const style = document.documentElement.style;
      const variables = {};
      for (let i = 0; i < style.length; i++) {
        const name = style[i];
        if (name.startsWith('--vscode-')) variables[name] = style.getPropertyValue(name).trim();
      }
      return { bodyClass: document.body.className, variables };
    });
    if (!captured.bodyClass.split(/\s+/).includes(kind))
      throw new Error(`${theme} did not apply: ${captured.bodyClass}`);
    return captured.variables;
  } finally {
    await context.close().catch(() => {});
    await server.stop();
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
}

fs.mkdirSync(OUT, { recursive: true });
for (const [file, [theme, kind]] of Object.entries(THEMES)) {
  const variables = await capture(theme, kind);
  const fixture = {
    theme,
    bodyClass: kind,
    capturedFrom: 'code-server (test/editor/lab.mjs), a Markdown preview',
    variables,
  };
  fs.writeFileSync(path.join(OUT, `${file}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  log(`${file}.json: ${Object.keys(variables).length} variables of ${theme}`);
}
