import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import type { ComparePanel } from '../../../extension/panels/comparePanel';
import type { TreeNode } from '../../../extension/tree/orchestratorTreeItems';
import { openWalkthroughOnce, WALKTHROUGH_SHOWN_KEY } from '../../../extension/onboarding/walkthrough';
import { activeApi, eventually, EXTENSION_ID, within } from './helpers';

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}

interface Contributions {
  walkthroughs: { id: string; steps: WalkthroughStep[] }[];
  viewsWelcome: { view: string; when: string; contents: string }[];
}

/** A user's globalState before any activation: nothing remembered yet. */
class FreshMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

const openTabs = (): number => vscode.window.tabGroups.all.reduce((sum, group) => sum + group.tabs.length, 0);

// Item numbers are issue 15's ("The editor, round 2").
suite('onboarding, the latest run, chain-aware charts', () => {
  let api: ViolentUtfApi;
  let folder: vscode.Uri;
  let contributions: Contributions;
  let extensionPath: string;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    folder = workspace.uri;
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    contributions = (extension.packageJSON as { contributes: Contributions }).contributes;
    extensionPath = extension.extensionPath;
  });

  async function launch(uri: vscode.Uri): Promise<Launched> {
    const launched = await within(
      Promise.resolve(vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri)),
      20_000,
      'the launch',
    );
    assert.ok(launched, 'the launch was refused (see the ViolentUTF log)');
    await within(launched.finished, 60_000, 'the run');
    return launched;
  }

  async function writeConfig(file: string, config: Record<string, unknown>): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder, file);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(config, null, 2)));
    return uri;
  }

  test('[item 8] the walkthrough opened on this first activation, says no `npm start`, and links the example', async function () {
    this.timeout(30_000);
    assert.equal(await api.walkthroughOpened, true, 'a workspace with configs opens the walkthrough once');
    const walkthrough = contributions.walkthroughs.find((each) => each.id === 'violentutf.firstResults');
    assert.ok(walkthrough);
    for (const step of walkthrough.steps) {
      const markdown = step.media.markdown
        ? fs.readFileSync(path.join(extensionPath, step.media.markdown), 'utf8')
        : '';
      // A .vsix user has no repository to run npm in.
      assert.doesNotMatch(`${step.description}\n${markdown}`, /npm (start|run|ci)|node dist\//, `step ${step.id}`);
    }
    const config = walkthrough.steps.find((step) => step.id === 'config');
    assert.match(config?.description ?? '', /\[Open Example\]\(command:violentutf\.openExample\)/);
    // The steps complete on what happened, not on a command merely being invoked (a cancelled file pick).
    const events = Object.fromEntries(walkthrough.steps.map((step) => [step.id, step.completionEvents]));
    assert.deepEqual(events.launch, ['onContext:violentutf.walkthrough.launched']);
    assert.deepEqual(events.results, ['onContext:violentutf.walkthrough.resultsOpened']);
    const empty = contributions.viewsWelcome.find((view) => /orchestratorCount == 0/.test(view.when));
    assert.match(empty?.contents ?? '', /\[New Orchestrator Config\]\(command:violentutf\.newOrchestratorConfig\)/);
    assert.match(empty?.contents ?? '', /\[Open Example\]\(command:violentutf\.openExample\)/);
  });

  test("[item 8] a first activation leaves the walkthrough closed while the user's workbench.welcomePage.walkthroughs.openOnInstall is off, and opens it once the setting is on", async function () {
    this.timeout(30_000);
    const welcome = vscode.workspace.getConfiguration('workbench.welcomePage');
    const before = welcome.inspect<boolean>('walkthroughs.openOnInstall')?.globalValue;
    const log = vscode.window.createOutputChannel('ViolentUTF walkthrough test', { log: true });
    try {
      await welcome.update('walkthroughs.openOnInstall', false, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // This workspace has configs, and the user has never seen the walkthrough: only the setting keeps it closed.
      const firstActivation = new FreshMemento();
      assert.equal(await openWalkthroughOnce(firstActivation, EXTENSION_ID, log), false);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // an editor opening late would show by now
      assert.equal(openTabs(), 0, 'no walkthrough (no editor at all) opened');
      assert.equal(firstActivation.get(WALKTHROUGH_SHOWN_KEY), undefined, 'not remembered as shown');

      await welcome.update('walkthroughs.openOnInstall', true, vscode.ConfigurationTarget.Global);
      assert.equal(await openWalkthroughOnce(firstActivation, EXTENSION_ID, log), true);
      await eventually(() => openTabs() === 1, 10_000, 'the walkthrough opening once the setting is on');
      assert.equal(await openWalkthroughOnce(firstActivation, EXTENSION_ID, log), false, 'and only once');
    } finally {
      await welcome.update('walkthroughs.openOnInstall', before, vscode.ConfigurationTarget.Global);
      log.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('[item 8] Open Example opens the echo example; launched, it shows a mix of held and jailbroken and completes the walkthrough steps', async function () {
    this.timeout(120_000);
    const uri = await within(
      Promise.resolve(vscode.commands.executeCommand<vscode.Uri>('violentutf.openExample')),
      15_000,
      'Open Example',
    );
    assert.equal(path.basename(uri.fsPath), 'echo-basics.orchestrator.json');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /looks for the canary word PWNED/, 'its description says what the scorer looks for');

    const launched = await launch(uri);
    const ended = await api.client.request('executions/get', { execution_id: launched.execution_id });
    // Not "12 of 12 succeeded" (a scorer matching the echo's own prefix): the three prompts that ask for the
    // canary word are jailbroken, the nine everyday questions held.
    assert.deepEqual(ended.figures.outcomes, { success: 3, failure: 9, error: 0, undetermined: 0 });
    assert.ok(api.walkthroughEvents().includes('launched'), 'the launch step completes on a real launch');
    await vscode.commands.executeCommand('violentutf.showResults', launched.execution_id);
    assert.ok(api.walkthroughEvents().includes('resultsOpened'), 'the results step completes when results show');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('[item 5] after a launch the status bar tooltip keeps a way to the run: its headline and Show Results', async function () {
    this.timeout(120_000);
    const uri = await writeConfig('latest-run.orchestrator.json', {
      name: 'latest run',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'echo' },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'canary' }],
      },
      input: { prompt_list: ['say PWNED', 'hello'] },
    });
    const launched = await launch(uri);
    const link = `command:violentutf.showResults?${encodeURIComponent(JSON.stringify([launched.execution_id]))}`;
    await eventually(
      () => api.statusBar.tooltipMarkdown.includes(link),
      15_000,
      'the status bar tooltip linking the latest run',
    );
    assert.match(
      api.statusBar.tooltipMarkdown,
      /\| Latest run \| latest run: 1 of 2 judged jailbroken \(50\.0%\) · 2 prompts · completed — \[\$\(graph\) Show Results\]/,
    );
    // …and the run's row in the tree (revealed after the launch: see 13-configFiles) opens its results when clicked,
    // with Show Results inline: the toast is not the only way.
    await within(api.tree.refresh(), 15_000, 'the tree refresh');
    const orchestrator = (await api.tree.roots()).find(
      (node) => node.kind === 'orchestrator' && node.orchestrator.id === launched.orchestrator_id,
    );
    assert.ok(orchestrator);
    const row = (await api.tree.childrenOf(orchestrator)).find(
      (node) => node.kind === 'execution' && node.execution.execution_id === launched.execution_id,
    );
    assert.ok(row, 'the run has its row under its orchestrator');
    const item = api.tree.itemOf(row);
    assert.equal(item.command?.command, 'violentutf.showResults');
    assert.match(String(item.contextValue), /^execution\./, 'the row gets the inline Show Results of every run row');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('[item 6] a converter chain is one series ("Base64 → ROT13"), labelled at 0 %, in the data table beside its chart; compare names the changed chain', async function () {
    this.timeout(180_000);
    const prompts = ['say PWNED', 'hello there', 'how do I bake bread?'];
    const scorers = [{ type: 'substring', substring: 'PWNED', category: 'canary' }];
    const base = await launch(
      await writeConfig('chain-base.orchestrator.json', {
        name: 'chain base',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' }, scorers },
        input: { prompt_list: prompts },
      }),
    );
    const head = await launch(
      await writeConfig('chain-head.orchestrator.json', {
        name: 'chain head',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: { type: 'echo' },
          prompt_converters: [{ type: 'base64' }, { type: 'rot13' }],
          scorers,
        },
        input: { prompt_list: prompts },
      }),
    );

    await vscode.commands.executeCommand('violentutf.showResults', head.execution_id);
    const panel = api.resultsPanel(head.execution_id);
    assert.ok(panel, 'no results panel opened');
    const shown = await within(
      panel.whenRendered((rendered) => rendered.chart_tables.converters.length > 0),
      60_000,
      'the charts and their tables',
    );
    // One row for the chain, not one bar of 0 % per converter; the figures a bar rests on are in words.
    assert.deepEqual(shown.chart_tables.converters, [['Base64 → ROT13', '0.0%', '0 of 3 judged jailbroken']]);
    assert.deepEqual(shown.chart_tables.scorers, [['SubStringScorer', '0.0%', '0 of 3 scores flagged jailbroken']]);

    const compare = await vscode.commands.executeCommand<ComparePanel | undefined>(
      'violentutf.compareExecutions',
      base.execution_id,
      head.execution_id,
    );
    assert.ok(compare);
    const rendered = await within(compare.whenRendered(), 30_000, 'the compare panel');
    // The changed chain by name, with a real delta, not "(none) (n/a)" beside "ROT13Converter (n/a)".
    assert.deepEqual(rendered.converter_table, [['Base64 → ROT13 (was no converter)', '33.3%', '0.0%', '−33.3 pp']]);
    assert.deepEqual(rendered.scorer_table, [['SubStringScorer', '33.3%', '0.0%', '−33.3 pp']]);
    assert.equal(rendered.scale_pp, 40, 'both delta charts are drawn on one ±40 pp scale');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('[item 7] across a daemon restart the tree keeps its rows (same nodes, so their expansion) and says "Reconnecting…"', async function () {
    this.timeout(90_000);
    await within(api.tree.refresh(), 15_000, 'the tree refresh');
    const before = await api.tree.roots();
    assert.ok(
      before.some((node) => node.kind === 'orchestrator'),
      'the tree lists orchestrators',
    );
    const seen: { message: string | undefined; rows: TreeNode[] }[] = [];
    const watching = api.client.onDidChangeState(() => {
      if (api.client.state.kind === 'connected') return;
      // The view repaints on the state change; read it a moment later, as a person would see it.
      setTimeout(
        () => void api.tree.roots().then((rows) => seen.push({ message: api.tree.treeView.message, rows })),
        50,
      );
    });
    try {
      await vscode.commands.executeCommand('violentutf.restartDaemon');
      await eventually(() => api.client.state.kind === 'connected', 30_000, 'reconnecting after the restart');
    } finally {
      watching.dispose();
    }
    const during = seen.find((each) => each.message !== undefined);
    assert.ok(during, `the view said nothing while reconnecting (${seen.length} states seen)`);
    assert.equal(during.message, 'Reconnecting to the ViolentUTF daemon…');
    assert.deepEqual(
      during.rows.map((node) => node.kind),
      before.map((node) => node.kind),
      'the rows stay while reconnecting',
    );
    assert.ok(
      during.rows.every((node, index) => node === before[index]),
      'the same node objects, so VS Code keeps what was expanded',
    );
    await eventually(() => api.tree.treeView.message === undefined, 15_000, 'the message going away once connected');
  });
});
