// The ui phase's step for New Orchestrator Config's name box: what it proposes is free (issue 15, item 1), and a
// name another config holds is refused in the box itself, naming that file.
import fs from 'node:fs';
import path from 'node:path';
import { STEP_MS, runCommand, waitFor, writeConfig } from './uiDriver.mjs';

export async function newConfigProposesFreeName({ page, check, workspace }) {
  return check(
    '[item 1] New Orchestrator Config proposes a free name and refuses a taken one, naming its file',
    async () => {
      // "new orchestrator" is taken by a file already: the proposal must move on to the next free one.
      const taken = path.join(workspace, 'new-orchestrator.orchestrator.json');
      writeConfig(taken, {
        name: 'new orchestrator',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' } },
      });
      try {
        await runCommand(page, 'ViolentUTF: New Orchestrator Config');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ state: 'visible', timeout: STEP_MS });
        await waitFor(async () => (await input.inputValue()).trim() !== '', 10_000, 'a proposed name');
        const proposed = (await input.inputValue()).trim();
        if (proposed !== 'new orchestrator 2') throw new Error(`proposed "${proposed}" with "new orchestrator" taken`);

        await input.fill('echo basics');
        const message = page.locator('.quick-input-widget .quick-input-message');
        await waitFor(
          async () =>
            /"echo basics" is already the name of .*echo-basics\.orchestrator\.json/.test(
              (await message.textContent()) ?? '',
            ),
          10_000,
          'the clash message naming the other file',
        );
        await page.keyboard.press('Escape');
        return `proposed "${proposed}"; "echo basics" refused: ${((await message.textContent()) ?? '').trim()}`;
      } finally {
        await page.keyboard.press('Escape');
        fs.rmSync(taken, { force: true });
      }
    },
  );
}
