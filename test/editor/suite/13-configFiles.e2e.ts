import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import type { TreeNode } from '../../../extension/tree/orchestratorTreeItems';
import { activeApi, eventually, within } from './helpers';

/** Issue 15, items 1–5: what a person meets with several config files in a workspace. */

function configText(name: string, prompts: string[], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      name,
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'echo' },
        scorers: [{ type: 'substring', substring: 'JAILBREAK', category: 'jailbreak' }],
        ...extra,
      },
      input: { prompt_list: prompts },
    },
    null,
    2,
  )}\n`;
}

suite('config files: one file, one orchestrator; the tree, Problems and Testing views follow the files', () => {
  let api: ViolentUtfApi;
  let folder: vscode.Uri;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    folder = vscode.Uri.joinPath(workspace.uri, 'round2');
    await vscode.workspace.fs.createDirectory(folder);
  });

  async function write(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    return uri;
  }

  async function launch(uri: vscode.Uri): Promise<Launched | undefined> {
    return vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
  }

  async function roots(): Promise<TreeNode[]> {
    return api.tree.roots();
  }

  const labelOf = (node: TreeNode): string => String(api.tree.itemOf(node).label);
  const descriptionOf = (node: TreeNode): string => String(api.tree.itemOf(node).description ?? '');

  test('[item 1] a second file with the same name is refused with both files named, and overwrites nothing', async function () {
    this.timeout(120_000);
    const first = await write('clash-a.orchestrator.json', configText('round2 clash', ['first file prompt']));
    const second = await write('clash-b.orchestrator.json', configText('round2 clash', ['second file prompt']));
    const launched = await launch(first);
    assert.ok(launched);
    await within(launched.finished, 60_000, 'the first run');
    const refused = await launch(second);
    assert.equal(refused, undefined, 'the second file was launched under a name the first one uses');

    // The daemon says why, naming both files (the toast shows this message).
    const realFirst = fs.realpathSync(first.fsPath);
    const realSecond = fs.realpathSync(second.fsPath);
    await assert.rejects(
      api.client.request('orchestrators/create', {
        name: 'round2 clash',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' } },
        config_file: realSecond,
      }),
      (error: Error) => error.message.includes(realFirst) && error.message.includes(realSecond),
    );
    const { orchestrators } = await api.client.request('orchestrators/list');
    const named = orchestrators.filter((o) => o.name === 'round2 clash');
    assert.equal(named.length, 1);
    assert.equal(named[0]?.config_file, realFirst, 'the orchestrator stays tied to the first file');
    const page = await api.client.request('results/list', { execution_id: launched.execution_id, limit: 10 });
    assert.deepEqual(
      page.items.map((item) => item.request.original_value),
      ['first file prompt'],
    );

    // Renamed, the second file gets an orchestrator of its own, and the tree shows two rows, each with its file.
    await write('clash-b.orchestrator.json', configText('round2 clash two', ['second file prompt']));
    const own = await launch(second);
    assert.ok(own, 'the renamed second file launches');
    assert.notEqual(own.orchestrator_id, launched.orchestrator_id);
    await within(own.finished, 60_000, 'the second run');
    await api.tree.refresh();
    const rows = (await roots()).filter((node) => node.kind === 'orchestrator' && /^round2 clash/.test(labelOf(node)));
    assert.deepEqual(rows.map(labelOf).sort(), ['round2 clash', 'round2 clash two']);
    // The tree's ▶ launches the row's own file.
    const secondRow = rows.find((node) => labelOf(node) === 'round2 clash two');
    const again = await vscode.commands.executeCommand<Launched | undefined>(
      'violentutf.launchOrchestrator',
      secondRow,
    );
    assert.equal(again?.orchestrator_id, own.orchestrator_id);
    if (again) await within(again.finished, 60_000, 'the tree launch');
  });

  test('[item 2] the tree lists workspace configs, invalid ones with their error, and follows create/rename/delete', async function () {
    this.timeout(60_000);
    const uri = await write('listed.orchestrator.json', configText('round2 never launched', ['p']));
    const find = async (label: string) => (await roots()).find((node) => labelOf(node) === label);
    await eventually(async () => (await find('round2 never launched')) !== undefined, 15_000, 'the new file listed');
    const listed = await find('round2 never launched');
    assert.ok(listed);
    assert.equal(listed.kind, 'config');
    assert.match(descriptionOf(listed), /not launched yet/);

    const broken = await write(
      'broken.orchestrator.json',
      configText('round2 broken', ['p'], { prompt_converters: [{ type: 'base65' }] }),
    );
    await eventually(async () => (await find('round2 broken')) !== undefined, 15_000, 'the invalid file listed');
    assert.match(descriptionOf((await find('round2 broken'))!), /invalid: line \d+: .*Did you mean "base64"\?/);

    const renamed = vscode.Uri.joinPath(folder, 'listed-renamed.orchestrator.json');
    await vscode.workspace.fs.rename(uri, renamed);
    await eventually(
      async () => {
        const node = await find('round2 never launched');
        return node?.kind === 'config' && node.config.uri.fsPath === renamed.fsPath;
      },
      15_000,
      'the renamed file listed under its new path',
    );
    await vscode.workspace.fs.delete(renamed);
    await vscode.workspace.fs.delete(broken);
    await eventually(
      async () => (await find('round2 never launched')) === undefined && (await find('round2 broken')) === undefined,
      15_000,
      'the deleted files leaving the tree',
    );
  });

  test("[item 3] config problems are Problems-panel diagnostics with the daemon's messages, on open, change and save", async function () {
    this.timeout(60_000);
    const uri = await write(
      'diagnosed.orchestrator.json',
      configText('round2 diagnosed', ['p'], { prompt_converters: [{ type: 'base65' }] }),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ViolentUTF');
    await eventually(() => ours().length === 1, 10_000, 'a diagnostic on open');
    const [problem] = ours();
    assert.match(problem!.message, /^expected one of "base64", .*got "base65"\. Did you mean "base64"\?$/);
    assert.equal(document.getText(problem!.range), '"base65"', 'the squiggle is on the bad value');
    assert.equal(problem!.code, '$.parameters.prompt_converters[0].type');

    // The editor's JSON Schema says the same thing (no 'Value must be "base64"'), and completes every type.
    await eventually(
      () => vscode.languages.getDiagnostics(uri).some((d) => d.source !== 'ViolentUTF'),
      20_000,
      'the JSON schema check',
    );
    const schemaMessages = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source !== 'ViolentUTF')
      .map((d) => d.message);
    assert.ok(
      schemaMessages.some((m) => m.startsWith('expected one of "base64", "rot13", "caesar"')),
      schemaMessages.join(' | '),
    );
    assert.ok(!schemaMessages.some((m) => /Value must be/.test(m)), schemaMessages.join(' | '));
    const valueStart = problem!.range.start.translate(0, 1);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      valueStart,
    );
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(
      labels.some((label) => label.includes('caesar')),
      `completions: ${labels.join(', ')}`,
    );

    // Fixed by typing: gone after the debounce; broken again and saved: back.
    await editor.edit((edit) => edit.replace(problem!.range, '"base64"'));
    await eventually(() => ours().length === 0, 10_000, 'the diagnostic clearing on change');
    const orchestratorType = document.getText().indexOf('"prompt_sending"');
    await editor.edit((edit) =>
      edit.replace(
        new vscode.Range(document.positionAt(orchestratorType), document.positionAt(orchestratorType + 16)),
        '""',
      ),
    );
    await document.save();
    await eventually(() => ours().length === 1, 10_000, 'a diagnostic after save');
    assert.match(ours()[0]!.message, /^expected one of "prompt_sending", "red_teaming", .* or "flip", got ""\.$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });

  test('[item 4] the Testing view shows the outcome of a run launched elsewhere (CodeLens, tree, CLI)', async function () {
    this.timeout(90_000);
    const uri = await write('elsewhere.orchestrator.json', configText('round2 elsewhere', ['say JAILBREAK', 'hello']));
    await eventually(() => api.testing.suiteOf(uri)?.children.size === 2, 20_000, 'the suite loaded');
    api.testing.outcomes.clear();
    const launched = await launch(uri);
    assert.ok(launched);
    await within(launched.finished, 60_000, 'the run');
    const outcome = (value: string) => api.testing.outcomes.get(`${uri.toString()}::${value}`);
    await eventually(() => outcome('hello') !== undefined, 15_000, 'the Testing view updating');
    assert.equal(outcome('say JAILBREAK')?.kind, 'failed');
    assert.equal(outcome('hello')?.kind, 'passed');
    assert.equal(outcome('hello')?.execution_id, launched.execution_id);
  });

  test('[item 5] after a launch the new run is revealed and selected in the tree', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.view.extension.violentutf');
    await eventually(() => api.tree.treeView.visible, 10_000, 'the Orchestrators view showing');
    const uri = await write('revealed.orchestrator.json', configText('round2 revealed', ['hello']));
    const launched = await launch(uri);
    assert.ok(launched);
    await eventually(
      () =>
        api.tree.treeView.selection.some(
          (node) => node.kind === 'execution' && node.execution.execution_id === launched.execution_id,
        ),
      15_000,
      'the run selected in the tree',
    );
    await within(launched.finished, 60_000, 'the run');
  });
});
