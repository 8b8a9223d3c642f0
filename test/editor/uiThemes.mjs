// A ui-phase step: the results and compare panels in the light, dark and high-contrast themes, set as a person can
// set them: workbench.colorTheme in the user settings file (the palette's theme picker does not take keys from the
// lab's driver). Each panel's page must follow the theme (its body class and the background and text colours
// it paints); the screenshots (results-panel-<theme>.png, compare-view-<theme>.png) are for people to look at.
import { STATUS_ITEM, STEP_MS, runCommand, waitFor, webviewFrame } from './uiDriver.mjs';
import { writeUserSettings } from './lab.mjs';

const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern', workbenchClass: 'vs', bodyClass: 'vscode-light' },
  { name: 'dark', colorTheme: 'Default Dark Modern', workbenchClass: 'vs-dark', bodyClass: 'vscode-dark' },
  {
    name: 'high-contrast',
    colorTheme: 'Default High Contrast',
    workbenchClass: 'hc-black',
    bodyClass: 'vscode-high-contrast',
  },
];

/** Relative luminance (WCAG) of a computed CSS colour "rgb(r, g, b)" or "rgba(…)". */
function luminance(color) {
  const channels = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((value) => {
    const c = Number(value) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  if (channels.length !== 3) throw new Error(`not a colour: ${color}`);
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** What the panel's page paints: its theme class, background, text colour, and the data table beside a chart. */
async function paintedPage(page, tableSelector) {
  const frame = webviewFrame(page);
  await frame.locator(`${tableSelector} tbody tr`).first().waitFor({ timeout: STEP_MS });
  const inner = await (await frame.locator(':root').elementHandle({ timeout: STEP_MS })).ownerFrame();
  return inner.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { bodyClass: document.body.className, background: style.backgroundColor, color: style.color };
  });
}

/**
 * The theme as it is set in the user settings file. The workbench here does not take a change of that file while it
 * runs, so the window is reloaded, as after an edit by hand outside VS Code; the extension activates again.
 */
async function useTheme(page, dirs, settings, theme) {
  writeUserSettings(dirs, { ...settings, 'workbench.colorTheme': theme.colorTheme });
  await page.reload({ timeout: 120_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await waitFor(
    () =>
      page
        .locator('.monaco-workbench')
        .first()
        .evaluate((element, wanted) => element.classList.contains(wanted), theme.workbenchClass),
    STEP_MS,
    `the workbench taking the theme "${theme.colorTheme}" from the settings file`,
  );
  const status = page.locator(STATUS_ITEM);
  await waitFor(
    async () =>
      /ViolentUTF/.test((await status.textContent().catch(() => '')) ?? '') &&
      (await status.locator('.codicon-loading').count()) === 0,
    60_000,
    'the extension connected again after the reload',
  );
}

/**
 * Needs the runs of the steps before it: "ui triage" (results) and "ui compare base" / "ui compare head" (compare).
 * `settings`: the user settings the phase started with (kept; only the theme changes). Ends in the dark theme.
 */
export async function panelsFollowTheTheme({ page, check, shot, dirs, settings }) {
  return check(
    '[item 6] the results and compare panels follow the light, dark and high-contrast themes (body class, background, readable text); a screenshot of each',
    async () => {
      const seen = [];
      try {
        for (const theme of THEMES) {
          await useTheme(page, dirs, settings, theme);
          await runCommand(page, 'View: Close All Editors');
          await runCommand(page, 'Notifications: Clear All Notifications');

          await runCommand(page, 'ViolentUTF: Show Results');
          await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ui triage' }).first().click();
          const results = await paintedPage(page, '#chart-converters-table');
          await page.mouse.move(700, 450);
          await shot(`results-panel-${theme.name}.png`);

          await runCommand(page, 'View: Close All Editors');
          await runCommand(page, 'ViolentUTF: Compare Executions');
          const title = page.locator('.quick-input-widget .quick-input-title');
          await title.filter({ hasText: '1/2' }).waitFor({ timeout: STEP_MS });
          await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ui compare head' }).first().click();
          await title.filter({ hasText: '2/2' }).waitFor({ timeout: STEP_MS });
          await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ui compare base' }).first().click();
          const compare = await paintedPage(page, '#chart-converters-table');
          await page.mouse.move(700, 450);
          await shot(`compare-view-${theme.name}.png`);

          for (const [panel, painted] of [
            ['results', results],
            ['compare', compare],
          ]) {
            if (!painted.bodyClass.split(/\s+/).includes(theme.bodyClass))
              throw new Error(`the ${panel} panel in ${theme.name}: body class "${painted.bodyClass}"`);
            const lightBackground = luminance(painted.background) > 0.5;
            if (lightBackground !== (theme.name === 'light'))
              throw new Error(`the ${panel} panel in ${theme.name} paints a background of ${painted.background}`);
            // WCAG AA for body text; high contrast asks for 7:1.
            const needed = theme.name === 'high-contrast' ? 7 : 4.5;
            const ratio = contrast(painted.background, painted.color);
            if (ratio < needed)
              throw new Error(
                `the ${panel} panel in ${theme.name}: text ${painted.color} on ${painted.background} is ${ratio.toFixed(1)}:1`,
              );
            seen.push({ theme: theme.name, panel, ...painted });
          }
        }
      } finally {
        await useTheme(page, dirs, settings, THEMES[1]).catch(() => undefined);
        await runCommand(page, 'View: Close All Editors').catch(() => undefined);
      }
      for (const panel of ['results', 'compare']) {
        const backgrounds = seen.filter((each) => each.panel === panel).map((each) => each.background);
        if (new Set(backgrounds).size !== THEMES.length)
          throw new Error(`the ${panel} panel's backgrounds are not one per theme: ${backgrounds.join(', ')}`);
      }
      return seen.map((each) => `${each.panel} ${each.theme}: ${each.color} on ${each.background}`).join('; ');
    },
  );
}
