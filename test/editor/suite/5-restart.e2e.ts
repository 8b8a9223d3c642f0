import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import { activeApi, eventually } from './helpers';

suite('Restart Daemon', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test('Restart Daemon replaces the daemon and the window reconnects', async function () {
    this.timeout(60_000);
    const before = api.client.state;
    assert.equal(before.kind, 'connected');
    if (before.kind !== 'connected') return;
    await vscode.commands.executeCommand('violentutf.restartDaemon');
    await eventually(() => api.client.state.kind === 'connected', 30_000, 'reconnecting after the restart');
    const after = api.client.state;
    assert.ok(
      after.kind === 'connected' && after.info.daemon.pid !== before.info.daemon.pid,
      'a new daemon process serves the window',
    );
    assert.throws(() => process.kill(before.info.daemon.pid, 0), 'the old daemon has exited');
    const health = await api.client.request('health/get');
    assert.ok(['healthy', 'warning', 'error'].includes(health.status));
  });
});
