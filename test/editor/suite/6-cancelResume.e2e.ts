import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import { activeApi, eventually, within } from './helpers';

const PROMPTS = 16;

/** Slow enough to cancel mid-run: one prompt at a time, 300 ms each, against the offline echo target. */
function slowEchoConfig(): string {
  return JSON.stringify(
    {
      name: 'slow echo (editor test)',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo', delay_ms: 300 }, batch_size: 1 },
      input: { prompt_list: Array.from({ length: PROMPTS }, (_, i) => `benign prompt ${i + 1}`) },
    },
    null,
    2,
  );
}

suite('Cancel and Resume Execution', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test('Cancel stops a run mid-way; Resume sends only the unanswered prompts', async function () {
    this.timeout(120_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test needs a workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, 'slow-echo.orchestrator.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(slowEchoConfig(), 'utf8'));

    const launched = await vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
    assert.ok(launched, 'the launch was refused');
    const id = launched.execution_id;
    await eventually(
      () => (api.store.execution(id)?.progress.completed ?? 0) >= 2,
      20_000,
      'progress notifications reaching the tree store',
    );
    assert.ok(api.statusBar.text.includes('running'), `the status bar shows the run: "${api.statusBar.text}"`);

    const cancelled = await vscode.commands.executeCommand<{ status: string } | undefined>(
      'violentutf.cancelExecution',
      id,
    );
    assert.ok(cancelled, 'Cancel Execution returned nothing');
    const afterCancel = await within(launched.finished, 30_000, 'the cancelled run ending');
    assert.equal(afterCancel?.status, 'cancelled');
    const answeredBefore = afterCancel.progress.completed;
    assert.ok(answeredBefore < PROMPTS, `cancel came too late (${answeredBefore}/${PROMPTS})`);

    const resumed = await vscode.commands.executeCommand<string | undefined>('violentutf.resumeExecution', id);
    assert.ok(resumed, 'Resume Execution returned nothing');
    await eventually(
      async () => (await api.client.request('executions/get', { execution_id: resumed })).status === 'completed',
      60_000,
      'the resumed run completing',
    );
    const page = await api.client.request('results/list', { execution_id: resumed, limit: 500 });
    const prompts = page.items.map((item) => item.request.original_value).sort();
    assert.equal(prompts.length, PROMPTS, 'every prompt answered');
    assert.equal(new Set(prompts).size, PROMPTS, 'no prompt answered twice');
    await eventually(() => !api.statusBar.text.includes('running'), 10_000, 'the status bar spinner stopping');
  });
});
