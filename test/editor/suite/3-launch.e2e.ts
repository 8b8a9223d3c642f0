import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import type { TreeNode } from '../../../extension/tree/orchestratorTreeItems';
import { configNameOf, readConfigFile } from '../../../extension/orchestratorConfig/orchestratorFile';
import { activeApi, eventually, within } from './helpers';

/** The example the repo ships; the harness copies examples/ into the test workspace. */
async function echoExample(): Promise<vscode.Uri | undefined> {
  const [found] = await vscode.workspace.findFiles('**/echo-basics.orchestrator.json', '**/node_modules/**', 1);
  return found;
}

suite('launching an orchestrator', () => {
  test("New Orchestrator Config writes JSON and YAML configs the daemon's reader accepts", async () => {
    for (const format of ['json', 'yaml'] as const) {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('violentutf.newOrchestratorConfig', {
        name: `new ${format} example`,
        format,
      });
      assert.ok(uri, `no ${format} file was written`);
      assert.match(uri.fsPath, new RegExp(`new-${format}-example\\.orchestrator\\.${format}$`));
      const file = await readConfigFile(uri.fsPath);
      assert.equal(file.name, `new ${format} example`);
      assert.ok('prompt_list' in file.input && file.input.prompt_list.length > 0);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test('launching examples/echo-basics.orchestrator.json fills the tree and the DB', async function () {
    this.timeout(120_000);
    const uri = await echoExample();
    assert.ok(uri, 'examples/echo-basics.orchestrator.json is missing from the test workspace');
    const name = configNameOf(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), uri.fsPath);
    assert.ok(name, 'the example has no name');

    const launched = await vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
    assert.ok(launched, 'the launch was refused (see the ViolentUTF log)');
    const ended = await within(launched.finished, 90_000, 'the echo run ending');
    assert.ok(ended, 'the run ended without a final status (connection lost?)');
    assert.equal(ended.status, 'completed', `the run ended ${ended.status}: ${ended.error ?? ''}`);
    assert.ok(ended.progress.total > 0);
    assert.equal(ended.progress.completed, ended.progress.total);

    // The tree: orchestrator → execution, as the view shows it.
    let orchestratorNode: TreeNode | undefined;
    await eventually(
      async () => {
        await api.tree.refresh();
        orchestratorNode = (await api.tree.roots()).find(
          (n) => n.kind === 'orchestrator' && n.orchestrator.name === name,
        );
        return orchestratorNode !== undefined;
      },
      10_000,
      `the tree listing "${name}"`,
    );
    assert.ok(orchestratorNode);
    const executions = await api.tree.childrenOf(orchestratorNode);
    const executionNode = executions.find(
      (n) => n.kind === 'execution' && n.execution.execution_id === launched.execution_id,
    );
    assert.ok(executionNode && executionNode.kind === 'execution', 'the execution is under its orchestrator');
    assert.equal(executionNode.execution.status, 'completed');
    const summary = await api.tree.childrenOf(executionNode);
    assert.equal(summary[0]?.kind, 'summary', 'a finished execution has a summary line');

    // The DB: every prompt has its stored response.
    const page = await api.client.request('results/list', {
      execution_id: launched.execution_id,
      limit: 500,
    });
    assert.equal(page.total, ended.progress.total, 'one result per prompt');
    assert.ok(
      page.items.every((item) => item.response !== null),
      'every prompt has a stored response',
    );
    const info = await api.client.request('debug/info');
    assert.equal(info.exists, true, `the user DB ${info.db_path} exists`);

    // Show Results opens the panel for that execution.
    const shown = await vscode.commands.executeCommand<string | undefined>(
      'violentutf.showResults',
      launched.execution_id,
    );
    assert.equal(shown, launched.execution_id);
  });
});
