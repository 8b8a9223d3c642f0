import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import { activeApi, eventually, within } from './helpers';

suite('a daemon crash during a run', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test('[item 9] the progress notification closes when the connection drops, and the run ends interrupted, not cancelled', async function () {
    this.timeout(120_000);
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    const uri = vscode.Uri.joinPath(workspace.uri, 'crash-during-run.orchestrator.json');
    const config = {
      name: 'crash during run',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo', delay_ms: 300 }, batch_size: 1 },
      input: { prompt_list: Array.from({ length: 30 }, (_, i) => `slow prompt ${i + 1}`) },
    };
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(config, null, 2)}\n`));
    const launched = await vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
    assert.ok(launched);
    await eventually(() => api.openProgress().includes(launched.execution_id), 10_000, 'the progress showing');
    await eventually(
      () => (api.store.execution(launched.execution_id)?.progress.completed ?? 0) >= 2,
      30_000,
      'a few prompts answered',
    );
    const state = api.client.state;
    assert.equal(state.kind, 'connected');
    if (state.kind !== 'connected') return;
    process.kill(state.info.daemon.pid, 'SIGKILL');
    await eventually(
      () => !api.openProgress().includes(launched.execution_id),
      10_000,
      'the progress notification closing after the crash',
    );
    const ended = await within(launched.finished, 90_000, 'the run being known as ended after the respawn');
    assert.equal(ended?.status, 'interrupted', `the run ended ${ended?.status}`);
    await eventually(() => api.client.state.kind === 'connected', 30_000, 'the window reconnected');
    const stored = await api.client.request('executions/get', { execution_id: launched.execution_id });
    assert.equal(stored.status, 'interrupted', 'nothing turned the interrupted run into cancelled');
    assert.ok(stored.progress.completed < 30);
  });
});
