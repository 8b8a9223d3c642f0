import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import { activeApi, eventually, within } from './helpers';

/** The echo target answers with the prompt, so the substring scorer "jailbreaks" exactly the prompts that say it. */
const PROMPTS = ['say JAILBREAK', 'hello', 'JAILBREAK right now', 'how are you?'];
const EXPECTED: Record<string, 'failed' | 'passed'> = {
  'say JAILBREAK': 'failed',
  hello: 'passed',
  'JAILBREAK right now': 'failed',
  'how are you?': 'passed',
};

function config(name: string, prompts: string[], scorers: unknown[]): string {
  return `${JSON.stringify(
    {
      name,
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo' }, ...(scorers.length ? { scorers } : {}) },
      input: { prompt_list: prompts },
    },
    null,
    2,
  )}\n`;
}

const JAILBREAK_SCORER = { type: 'substring', substring: 'JAILBREAK', category: 'jailbreak' };

suite('Test Explorer: red-team objectives', () => {
  let api: ViolentUtfApi;
  let folder: vscode.Uri;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the editor suite runs with a workspace folder');
    folder = workspace.uri;
  });

  async function suiteFor(uri: vscode.Uri, prompts: number): Promise<vscode.TestItem> {
    await eventually(
      () => api.testing.suiteOf(uri)?.children.size === prompts,
      20_000,
      `the watcher listing ${prompts} prompts of ${uri.fsPath}`,
    );
    const item = api.testing.suiteOf(uri);
    assert.ok(item);
    return item;
  }

  async function runTests(include: vscode.TestItem[]): Promise<void> {
    const profile = api.testing.runProfile;
    const cancel = new vscode.CancellationTokenSource();
    try {
      await within(
        Promise.resolve(profile.runHandler(new vscode.TestRunRequest(include, undefined, profile), cancel.token)),
        90_000,
        'the test run',
      );
    } finally {
      cancel.dispose();
    }
  }

  const outcome = (uri: vscode.Uri, value: string) => api.testing.outcomes.get(`${uri.toString()}::${value}`);

  test('each prompt of a config is a test: jailbroken prompts fail, held ones pass, the last outcome replays', async function () {
    this.timeout(180_000);
    await api.testing.discover();
    assert.equal(api.testing.controller.id, 'violentutf.redTeam');
    assert.equal(api.testing.controller.label, 'Red-team objectives');

    const uri = vscode.Uri.joinPath(folder, 'test-explorer.orchestrator.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(config('test explorer check', PROMPTS, [JAILBREAK_SCORER])));
    const suiteItem = await suiteFor(uri, PROMPTS.length);
    assert.equal(suiteItem.label, 'test explorer check');
    assert.deepEqual(
      [...PROMPTS].map((value) => suiteItem.children.get(`${uri.toString()}::${value}`)?.label),
      PROMPTS,
      'one test per prompt, labelled with the prompt',
    );

    // One prompt alone: only that prompt is sent.
    const hello = suiteItem.children.get(`${uri.toString()}::hello`);
    assert.ok(hello);
    api.testing.outcomes.clear();
    await runTests([hello]);
    assert.equal(outcome(uri, 'hello')?.kind, 'passed');
    assert.equal(outcome(uri, 'say JAILBREAK'), undefined, 'a prompt not asked for is not reported');
    const single = outcome(uri, 'hello')?.execution_id;
    assert.ok(single);
    const singlePage = await api.client.request('results/list', { execution_id: single, limit: 50 });
    assert.deepEqual(
      singlePage.items.map((item) => item.request.original_value),
      ['hello'],
      'only the chosen prompt was sent',
    );

    // The whole suite.
    api.testing.outcomes.clear();
    await runTests([suiteItem]);
    for (const value of PROMPTS)
      assert.equal(outcome(uri, value)?.kind, EXPECTED[value], `"${value}" ${outcome(uri, value)?.message ?? ''}`);
    const failure = outcome(uri, 'say JAILBREAK')?.message ?? '';
    assert.match(failure, /^Outcome: jailbroken/);
    assert.match(failure, /Prompt: say JAILBREAK/);
    assert.match(failure, /Response: .*say JAILBREAK/);
    assert.match(failure, /Score: .*jailbreak.*True/);
    const fullRun = outcome(uri, 'hello')?.execution_id;
    assert.ok(fullRun && fullRun !== single);

    // The orchestrator was created by name, as Launch does, and its last execution is this run.
    const { orchestrators } = await api.client.request('orchestrators/list');
    const saved = orchestrators.filter((o) => o.name === 'test explorer check');
    assert.equal(saved.length, 1, 'running twice updates one orchestrator');
    assert.equal(saved[0]?.last_execution?.execution_id, fullRun);
    assert.equal(saved[0]?.last_execution?.status, 'completed');

    // Re-opening VS Code: the last outcome comes back from the DB without a launch.
    api.testing.outcomes.clear();
    await api.testing.replaySuite(uri);
    for (const value of PROMPTS) {
      assert.equal(outcome(uri, value)?.kind, EXPECTED[value], `replayed "${value}"`);
      assert.equal(outcome(uri, value)?.execution_id, fullRun, 'replayed from the last execution');
    }
    const after = await api.client.request('orchestrators/list');
    assert.equal(
      after.orchestrators.find((o) => o.name === 'test explorer check')?.last_execution?.execution_id,
      fullRun,
      'the replay launched nothing',
    );

    // Editing the file updates the tests.
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from(config('test explorer check', [...PROMPTS, 'one more'], [JAILBREAK_SCORER])),
    );
    await suiteFor(uri, PROMPTS.length + 1);
  });

  test('without a scorer the outcome is undetermined: the prompts are skipped with the reason', async function () {
    this.timeout(120_000);
    const uri = vscode.Uri.joinPath(folder, 'test-explorer-unscored.orchestrator.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(config('test explorer unscored', ['hello there'], [])));
    const suiteItem = await suiteFor(uri, 1);
    api.testing.outcomes.clear();
    await runTests([suiteItem]);
    assert.equal(outcome(uri, 'hello there')?.kind, 'skipped', outcome(uri, 'hello there')?.message);
    assert.match(outcome(uri, 'hello there')?.message ?? '', /^Outcome: undetermined — No objective scorer/);
  });

  test("a reviewer's label flips the test: the Testing view shows the stored outcome, label applied", async function () {
    this.timeout(120_000);
    const uri = vscode.Uri.joinPath(folder, 'test-explorer-label.orchestrator.json');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from(config('test explorer label', ['say JAILBREAK', 'hello'], [JAILBREAK_SCORER])),
    );
    const suiteItem = await suiteFor(uri, 2);
    api.testing.outcomes.clear();
    await runTests([suiteItem]);
    assert.equal(outcome(uri, 'say JAILBREAK')?.kind, 'failed');
    const executionId = outcome(uri, 'say JAILBREAK')?.execution_id;
    assert.ok(executionId);
    const page = await api.client.request('results/list', { execution_id: executionId, limit: 10 });
    const jailbroken = page.items.find((item) => item.request.original_value === 'say JAILBREAK');
    assert.ok(jailbroken);

    // The reviewer says it held: the test passes, with nothing launched.
    await api.client.request('results/label', {
      execution_id: executionId,
      attack_result_id: jailbroken.attack_result_id,
      outcome: 'failure',
      note: 'the echo target only repeats the prompt',
    });
    api.testing.outcomes.clear();
    await api.testing.replaySuite(uri);
    assert.equal(outcome(uri, 'say JAILBREAK')?.kind, 'passed');
    assert.equal(outcome(uri, 'say JAILBREAK')?.execution_id, executionId);
    assert.equal(outcome(uri, 'hello')?.kind, 'passed');

    // And a label the other way fails a held prompt, naming the reviewer and what the scorers said.
    const held = page.items.find((item) => item.request.original_value === 'hello');
    assert.ok(held);
    await api.client.request('results/label', {
      execution_id: executionId,
      attack_result_id: held.attack_result_id,
      outcome: 'success',
    });
    api.testing.outcomes.clear();
    await api.testing.replaySuite(uri);
    assert.equal(outcome(uri, 'hello')?.kind, 'failed');
    assert.match(outcome(uri, 'hello')?.message ?? '', /^Outcome: jailbroken, labelled by .*\nAutomated: held/);

    // Taking the labels back restores the automated outcomes.
    for (const item of [jailbroken, held])
      await api.client.request('results/unlabel', {
        execution_id: executionId,
        attack_result_id: item.attack_result_id,
      });
    api.testing.outcomes.clear();
    await api.testing.replaySuite(uri);
    assert.equal(outcome(uri, 'say JAILBREAK')?.kind, 'failed');
    assert.equal(outcome(uri, 'hello')?.kind, 'passed');
  });

  test('cancelling the test run cancels the execution; unanswered prompts are skipped', async function () {
    this.timeout(120_000);
    const prompts = Array.from({ length: 12 }, (_, i) => `slow prompt ${i + 1}`);
    const uri = vscode.Uri.joinPath(folder, 'test-explorer-slow.orchestrator.json');
    const text = JSON.stringify({
      name: 'test explorer slow',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo', delay_ms: 300 }, batch_size: 1, scorers: [JAILBREAK_SCORER] },
      input: { prompt_list: prompts },
    });
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const suiteItem = await suiteFor(uri, prompts.length);
    api.testing.outcomes.clear();
    const profile = api.testing.runProfile;
    const cancel = new vscode.CancellationTokenSource();
    const running = Promise.resolve(
      profile.runHandler(new vscode.TestRunRequest([suiteItem], undefined, profile), cancel.token),
    );
    await eventually(
      () => api.store.running().some((e) => e.orchestrator_name === 'test explorer slow' && e.progress.completed >= 2),
      30_000,
      'the slow run answering two prompts',
    );
    cancel.cancel();
    await within(running, 30_000, 'the cancelled test run ending');
    cancel.dispose();
    const kinds = prompts.map((value) => outcome(uri, value)?.kind);
    assert.ok(
      kinds.every((kind) => kind !== undefined),
      `every prompt got an outcome: ${kinds.join(', ')}`,
    );
    assert.ok(kinds.includes('passed'), `the answered prompts passed: ${kinds.join(', ')}`);
    assert.ok(kinds.includes('skipped'), `the unanswered prompts were skipped: ${kinds.join(', ')}`);
    const executionId = outcome(uri, prompts[0]!)?.execution_id;
    assert.ok(executionId);
    const execution = await api.client.request('executions/get', { execution_id: executionId });
    assert.equal(execution.status, 'cancelled');
  });
});
