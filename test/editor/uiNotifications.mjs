// Steps of the ui phase for what only the workbench shows: notifications and their buttons (the extension-host phase
// cannot read a notification, only that one was asked for). Each step provokes the notice as a person would meet
// it, reads its text and button on the page, clicks the button and checks what it did.
import fs from 'node:fs';
import path from 'node:path';
import { STEP_MS, openStatusTooltip, readDiscoveryPid, runCommand, waitFor, webviewFrame } from './uiDriver.mjs';

/** The notification toast on screen whose message matches `text`. */
function notification(page, text) {
  return page
    .locator('.notification-toast', { has: page.locator('.notification-list-item-message', { hasText: text }) })
    .first();
}

async function notificationParts(notice) {
  return {
    message: ((await notice.locator('.notification-list-item-message').textContent()) ?? '').trim(),
    buttons: (await notice.locator('.notification-list-item-buttons-container .monaco-button').allTextContents()).map(
      (label) => label.trim(),
    ),
  };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The pid in the daemon's discovery file, or undefined while it is being rewritten. */
function discoveryPid(stateDir) {
  try {
    return readDiscoveryPid(stateDir);
  } catch {
    return undefined;
  }
}

async function statusConnected(status) {
  const text = (await status.textContent()) ?? '';
  return (
    /ViolentUTF/.test(text) && !/daemon down/.test(text) && (await status.locator('.codicon-loading').count()) === 0
  );
}

/**
 * Export CSV in the results panel of `executionName`, through code-server's save dialog: the notice names the file
 * and its Open File opens that file in an editor.
 */
export async function exportNoticeOpensFile({ page, check, executionName }) {
  return check(
    '[item 7] the export notice names the file written, and its Open File button opens that file in an editor',
    async () => {
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Notifications: Clear All Notifications');
      await runCommand(page, 'ViolentUTF: Show Results');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: executionName }).first().click();
      const frame = webviewFrame(page);
      await frame.locator('#rows tr.result-row').first().waitFor({ timeout: STEP_MS });
      const rows = await frame.locator('#rows tr.result-row').count();
      await frame.locator('#export-csv').click();
      // The save dialog (code-server's own: a path in the quick input) proposes <orchestrator>-<run>.csv.
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await waitFor(async () => /\.csv$/.test(await input.inputValue()), 10_000, 'the proposed file name');
      const proposed = path.basename(await input.inputValue());
      await page.keyboard.press('Enter');

      const notice = notification(page, 'Exported');
      await notice.waitFor({ timeout: STEP_MS });
      const { message, buttons } = await notificationParts(notice);
      const written = /^Exported (\d+) results to (.+)$/.exec(message);
      if (!written) throw new Error(`the export notice says "${message}"`);
      if (Number(written[1]) !== rows) throw new Error(`"${message}", but the panel shows ${rows} results`);
      const file = written[2];
      if (path.basename(file) !== proposed) throw new Error(`saved as ${proposed}, the notice names ${file}`);
      if (!fs.existsSync(file)) throw new Error(`the notice names ${file}, which does not exist`);
      if (buttons.join() !== 'Open File') throw new Error(`the export notice's buttons: ${JSON.stringify(buttons)}`);

      await notice.locator('.monaco-button', { hasText: 'Open File' }).click();
      await page.locator('.tab.active', { hasText: proposed }).waitFor({ timeout: STEP_MS });
      // The editor shows the file itself: its header line.
      await page
        .locator('.editor-group-container.active .view-lines', { hasText: 'attack_result_id,prompt_index' })
        .waitFor({ timeout: STEP_MS });
      await runCommand(page, 'View: Close All Editors');
      return `${message}; Open File opened ${proposed}`;
    },
  );
}

/**
 * A daemon that dies again and again (killed six times, as a crash at every start would): the window respawns it
 * five times within three minutes, then stops and says so. The next command fails with a message that names it by
 * its title ("ViolentUTF: Clear Cache failed: …"), says to run ViolentUTF: Restart Daemon, and carries that button;
 * the button brings a daemon back and the status bar is healthy.
 */
export async function restartDaemonButtonWorks({ page, check, status, stateDir }) {
  return check(
    '[item 7] after a crash loop, the failed command\'s error (named by its title) says "run ViolentUTF: Restart Daemon" and carries that button, and the button brings the daemon back',
    async () => {
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Notifications: Clear All Notifications');
      const killed = [];
      for (let crash = 1; crash <= 6; crash++) {
        const pid = discoveryPid(stateDir);
        if (!pid || !isAlive(pid)) throw new Error(`no live daemon to crash (discovery pid ${pid})`);
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
        if (crash === 6) break;
        await waitFor(
          async () => {
            const now = discoveryPid(stateDir);
            return now !== undefined && !killed.includes(now) && isAlive(now) && (await statusConnected(status));
          },
          STEP_MS,
          `the window respawning the daemon after crash ${crash}`,
        );
      }
      await waitFor(
        async () => /daemon down/.test((await status.textContent()) ?? ''),
        STEP_MS,
        'the status bar saying the daemon is down',
      );

      await runCommand(page, 'ViolentUTF: Clear Cache');
      const notice = notification(page, 'Restart Daemon');
      await notice.waitFor({ timeout: STEP_MS });
      const { message, buttons } = await notificationParts(notice);
      // The failed command is named as the palette shows it, not by its id ("violentutf.clearCache failed").
      if (
        !/^ViolentUTF: Clear Cache failed: .*the daemon stopped 5 times within 3 minutes.*run ViolentUTF: Restart Daemon/.test(
          message,
        )
      )
        throw new Error(`the error says "${message}"`);
      // It also names Show Logs, so that is a button too (the workbench lays buttons out right to left).
      if ([...buttons].sort().join() !== 'Restart Daemon,Show Logs')
        throw new Error(`the error's buttons: ${JSON.stringify(buttons)}`);

      await notice.locator('.monaco-button', { hasText: 'Restart Daemon' }).click();
      let fresh;
      await waitFor(
        async () => {
          fresh = discoveryPid(stateDir);
          return fresh !== undefined && !killed.includes(fresh) && isAlive(fresh) && (await statusConnected(status));
        },
        STEP_MS,
        'a new daemon and a healthy status bar after Restart Daemon',
      );
      const tooltip = (await (await openStatusTooltip(page, status)).textContent()) ?? '';
      await page.keyboard.press('Escape');
      if (!tooltip.includes(`pid ${fresh}`)) throw new Error(`the tooltip does not show pid ${fresh}: ${tooltip}`);
      return `crashed pids ${killed.join(', ')}; "${message}"; Restart Daemon → daemon pid ${fresh}, status "${((await status.textContent()) ?? '').trim()}"`;
    },
  );
}
