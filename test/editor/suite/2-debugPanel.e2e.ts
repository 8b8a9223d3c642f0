import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { DebugPanelState } from '../../../webview/shared/debugPanelMessages';
import { connectToDaemon } from '../../../client/locateDaemon';
import { canonicalUsername } from '../../../domain/username';
import { dbPathFor } from '../../../daemon/user/userContext';
import { activeApi, stateDir } from './helpers';

suite('debug panel', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test("the debug panel's DB path equals the daemon's debug/info", async () => {
    const shown = await vscode.commands.executeCommand<DebugPanelState>('violentutf.showDebugInfo');
    assert.ok(shown?.info, `the panel has no debug info (error: ${shown?.error ?? 'none'})`);
    // Ask the daemon again over a connection of our own, as the CLI would.
    const username = vscode.workspace.getConfiguration('violentutf').get<string>('username') || undefined;
    const independent = await connectToDaemon({
      stateDir: stateDir(),
      username,
      client: { name: 'editor-test', version: '0' },
    });
    try {
      const info = await independent.request('debug/info');
      assert.equal(shown.info.db_path, info.db_path);
      assert.equal(shown.info.username, info.username);
      // …and the path is the one the seed's rule gives for that user (ONE function computes it everywhere).
      if (info.salt_source === 'default') {
        assert.equal(
          info.db_path,
          dbPathFor(canonicalUsername(username ?? info.username), 'violentutf_salt_2025', info.memory_dir),
        );
      }
    } finally {
      independent.close();
    }
    assert.equal(api.debugPanelState()?.info?.db_path, shown.info.db_path, 'the open panel shows the same path');
  });
});
