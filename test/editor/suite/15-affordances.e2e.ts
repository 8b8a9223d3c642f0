import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import type { Exported } from '../../../extension/commands/exportResults';
import { activeApi, eventually, EXTENSION_ID, within } from './helpers';

interface MenuEntry {
  command: string;
  when?: string;
}

suite('affordances', () => {
  let api: ViolentUtfApi;
  let folder: vscode.Uri;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    folder = workspace.uri;
  });

  async function lensTitles(name: string, target: Record<string, unknown>): Promise<string[]> {
    const uri = vscode.Uri.joinPath(folder, `${name}.orchestrator.json`);
    const config = { name, orchestrator_type: 'prompt_sending', parameters: { objective_target: target } };
    await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(config, null, 2)));
    await vscode.window.showTextDocument(uri);
    let titles: string[] = [];
    await eventually(
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        titles = lenses.map((lens) => lens.command?.title ?? '');
        return titles.includes('▶ Launch');
      },
      10_000,
      'the CodeLens',
    );
    return titles;
  }

  test('[item 7] "Set API key" CodeLens only above a config whose target names a key, and for that key', async function () {
    this.timeout(30_000);
    const echo = await lensTitles('lens-echo', { type: 'echo' });
    assert.deepEqual(echo, ['▶ Launch'], 'an echo target needs no key');
    const remote = await lensTitles('lens-remote', {
      type: 'openai_chat',
      endpoint: 'http://127.0.0.1:9/v1/chat/completions',
      model: 'm',
      api_key_secret: 'lab-key',
    });
    assert.deepEqual(remote, ['▶ Launch', 'Set API key "lab-key"']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('[item 7] a run row offers Copy ID, Export… and Compare with…; an orchestrator row Open Config; Export writes every result', async function () {
    this.timeout(150_000); // above the sum of its named waits, so a slow step fails with its name
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const menus = (extension?.packageJSON as { contributes: { menus: Record<string, MenuEntry[]> } }).contributes.menus[
      'view/item/context'
    ]!;
    const offered = (viewItem: string) =>
      menus
        .filter((entry) => {
          const pattern = /viewItem (==|=~) (\S+)/.exec(entry.when ?? '');
          if (!pattern) return false;
          return pattern[1] === '=='
            ? pattern[2] === viewItem
            : new RegExp(pattern[2]!.slice(1, -1).replace(/\\\\/g, '\\')).test(viewItem);
        })
        .map((entry) => entry.command);
    for (const command of ['violentutf.copyExecutionId', 'violentutf.exportResults', 'violentutf.compareExecutions'])
      assert.ok(offered('execution.done').includes(command), `${command} on a run row`);
    assert.ok(offered('orchestrator').includes('violentutf.openConfig'), 'Open Config on an orchestrator row');

    const uri = vscode.Uri.joinPath(folder, 'affordance-export.orchestrator.json');
    const config = {
      name: 'affordance export',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo' } },
      input: { prompt_list: ['one', 'two', '=HYPERLINK("x")'] },
    };
    await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(config, null, 2)));
    const launched = await within(
      Promise.resolve(vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri)),
      20_000,
      'the launch',
    );
    assert.ok(launched);
    await within(launched.finished, 60_000, 'the run');
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-export-')), 'run.csv');
    const exported = await within(
      Promise.resolve(
        vscode.commands.executeCommand<Exported | undefined>(
          'violentutf.exportResults',
          launched.execution_id,
          'csv',
          vscode.Uri.file(target),
        ),
      ),
      20_000,
      'the export',
    );
    assert.equal(exported?.rows, 3);
    const lines = fs.readFileSync(target, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, 4, 'a header and one line per result');
    assert.ok(
      lines.some((line) => line.includes(`"'=HYPERLINK(""x"")"`)),
      'a formula is neutralised',
    );

    // Open Config from the orchestrator row opens the file it is keyed by.
    await within(Promise.resolve(api.tree.refresh()), 15_000, 'the tree refresh');
    const row = (await within(Promise.resolve(api.tree.roots()), 15_000, 'the tree roots')).find(
      (node) => node.kind === 'orchestrator' && node.orchestrator.id === launched.orchestrator_id,
    );
    assert.ok(row);
    await within(Promise.resolve(vscode.commands.executeCommand('violentutf.openConfig', row)), 15_000, 'Open Config');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
