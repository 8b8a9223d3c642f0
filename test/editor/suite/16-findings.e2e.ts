import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { TreeNode } from '../../../extension/tree/orchestratorTreeItems';
import type { RenderedFindings } from '../../../webview/shared/findingMessages';
import type { RenderedResults } from '../../../webview/shared/resultsPanelMessages';
import { activeApi, eventually, within } from './helpers';

// Offline: the echo target repeats each prompt, so the substring scorer judges the prompts saying PWNED jailbroken.
const PROMPTS = ['say PWNED now', 'a plain question', 'PWNED again please', 'how do I bake bread?'];
const HEADLINE = '2 of 4 judged jailbroken (50.0%) · 4 prompts';
// What a finding quotes is model output: markup in it must stay text in the panel.
const HOSTILE = '<img src=x onerror="window.pwned=1"><b>bold</b>';

suite('findings, reports and trends in the editor', () => {
  let api: ViolentUtfApi;
  let scratch: string;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-findings-'));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function run(orchestratorId: string): Promise<string> {
    const started = await api.client.request('executions/start', {
      orchestrator_id: orchestratorId,
      execution_type: 'prompt_list',
      input_data: { prompt_list: PROMPTS },
    });
    let status = 'running';
    await eventually(
      async () => {
        status = (await api.client.request('executions/get', { execution_id: started.execution_id })).status;
        return status !== 'running';
      },
      60_000,
      'the run ending',
    );
    assert.equal(status, 'completed');
    return started.execution_id;
  }

  /** The orchestrator's "Findings" row as the tree shows it (undefined when it has none), and its findings. */
  async function findingsInTree(name: string): Promise<{ node?: TreeNode; items: vscode.TreeItem[] }> {
    // The tree fetches while it is looked at; the test looks through its API.
    await api.tree.refresh();
    const orchestrator = (await api.tree.roots()).find(
      (node) => node.kind === 'orchestrator' && node.orchestrator.name === name,
    );
    if (!orchestrator) return { items: [] };
    const node = (await api.tree.childrenOf(orchestrator)).find((child) => child.kind === 'findings');
    if (!node) return { items: [] };
    return { node, items: (await api.tree.childrenOf(node)).map((child) => api.tree.itemOf(child)) };
  }

  test('Add to finding on a result row, the finding in the tree, its severity edited, a report exported, the trend table', async function () {
    this.timeout(180_000);
    const name = `findings ui ${Date.now().toString(36)}`;
    const orchestrator = await api.client.request('orchestrators/create', {
      name,
      orchestrator_type: 'prompt_sending',
      tags: ['editor-test'],
      parameters: {
        objective_target: { type: 'echo' },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
        batch_size: 2,
      },
    });
    await run(orchestrator.id);
    const id = await run(orchestrator.id);

    await vscode.commands.executeCommand('violentutf.showResults', id);
    const panel = api.resultsPanel(id);
    assert.ok(panel, 'no results panel opened');
    const shows = (what: string, accept: (rendered: RenderedResults) => boolean): Promise<RenderedResults> =>
      within(panel.whenRendered(accept), 30_000, what);
    const findings = (what: string, accept: (rendered: RenderedFindings) => boolean): Promise<RenderedFindings> =>
      within(panel.findings.whenRendered(accept), 30_000, what);
    const table = await shows('the rows', (r) => r.rows.length === PROMPTS.length && r.headline === HEADLINE);

    // The trend: one row of its data table per execution of the orchestrator, oldest first.
    const trend = await findings('the trend table', (r) => r.trend_rows.length === 2);
    assert.deepEqual(
      trend.trend_rows.map((row) => row.slice(1, 5)),
      [
        ['completed', '50.0%', '0.0%', 'not recorded'],
        ['completed', '50.0%', '0.0%', 'not recorded'],
      ],
    );
    assert.match(trend.trend_rows[1]![0]!, new RegExp(`${id.slice(0, 8)}$`), 'the newest run is the last row');

    // Add to finding on the first jailbroken row, as a person fills the form.
    const [first, second] = table.rows.filter((row) => row.outcome === 'jailbroken');
    assert.ok(first && second, 'two jailbroken rows');
    const title = 'Echo target repeats the jailbreak';
    panel.findings.pressAddToFinding(first.attack_result_id, {
      title,
      severity: 'high',
      harm_category: 'jailbreak',
      description: HOSTILE,
    });
    const filed = await findings('the filed finding', (r) => r.findings.length === 1);
    assert.deepEqual(
      filed.findings.map(({ finding_id: _id, ...shown }) => shown),
      [{ severity: 'high', title, description: HOSTILE, evidence: '1 result as evidence' }],
      'the description is shown as the text it is, not as markup',
    );
    const findingId = filed.findings[0]!.finding_id;
    const stored = await api.client.request('findings/list', { orchestrator_id: orchestrator.id });
    assert.equal(stored.findings[0]?.evidence[0]?.attack_result_id, first.attack_result_id);

    // The second jailbroken row as more evidence of the same finding.
    panel.findings.pressAddToFinding(second.attack_result_id, { finding_id: findingId });
    await findings('the second piece of evidence', (r) => r.findings[0]?.evidence === '2 results as evidence');

    // The tree lists it under the orchestrator: severity icon, title, description as the tooltip.
    let listed: vscode.TreeItem[] = [];
    await eventually(
      async () => {
        listed = (await findingsInTree(name)).items;
        return listed.length === 1 && listed[0]?.description === 'high · jailbreak · 2 results';
      },
      15_000,
      'the finding in the tree',
    );
    const item = listed[0]!;
    assert.equal(item.label, title);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(item.tooltip, `high: ${title}\n\n${HOSTILE}`, 'a plain-text tooltip, not Markdown');

    // Edit its severity in the panel: the panel, the daemon and the tree follow.
    panel.findings.pressEditFinding(findingId, { title, severity: 'critical', description: 'Repeats any prompt.' });
    await findings('the edited finding', (r) => r.findings[0]?.severity === 'critical');
    const edited = await api.client.request('findings/list', { orchestrator_id: orchestrator.id });
    assert.equal(edited.findings[0]?.severity, 'critical');
    assert.equal(edited.findings[0]?.description, 'Repeats any prompt.');
    await eventually(
      async () => {
        const [shown] = (await findingsInTree(name)).items;
        return (
          shown?.description === 'critical · jailbreak · 2 results' &&
          (shown.iconPath as vscode.ThemeIcon).id === 'flame'
        );
      },
      15_000,
      'the tree showing the new severity',
    );

    // A click on it in the tree opens this run's panel at the finding.
    const opened = await vscode.commands.executeCommand<string | undefined>(
      'violentutf.openFinding',
      edited.findings[0],
    );
    assert.equal(opened, id);

    // Export Report (HTML, then Markdown): the file has the figures and the finding, and only its owner reads it.
    const htmlFile = vscode.Uri.file(path.join(scratch, 'report.html'));
    const written = await vscode.commands.executeCommand<string | undefined>(
      'violentutf.exportReport',
      id,
      'html',
      htmlFile,
    );
    assert.equal(written, htmlFile.fsPath);
    const html = fs.readFileSync(htmlFile.fsPath, 'utf8');
    assert.ok(html.includes(HEADLINE), 'the report leads with the headline figures');
    assert.ok(html.includes(title), 'the report has the finding');
    assert.ok(html.includes('critical'), "the report has the finding's severity");
    assert.ok(!html.includes('<img src=x'), 'model text stays escaped in the report');
    assert.equal(fs.statSync(htmlFile.fsPath).mode & 0o777, 0o600);
    const mdFile = vscode.Uri.file(path.join(scratch, 'report.md'));
    await vscode.commands.executeCommand('violentutf.exportReport', id, 'md', mdFile);
    const markdown = fs.readFileSync(mdFile.fsPath, 'utf8');
    assert.ok(markdown.includes(title), 'the Markdown report has the finding');
    assert.match(markdown, /2 of 4 judged jailbroken/);

    // Deleted (here through the daemon: the panel's Delete asks in a modal dialog): the tree drops the row.
    await api.client.request('findings/delete', { finding_id: findingId });
    await findings('the panel without the finding', (r) => r.findings.length === 0);
    await eventually(async () => (await findingsInTree(name)).node === undefined, 15_000, 'the tree without findings');
  });
});
