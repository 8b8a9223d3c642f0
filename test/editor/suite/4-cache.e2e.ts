import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { CacheClearResult } from '../../../extension/commands/cacheSummary';
import { activeApi } from './helpers';

suite('Clear Cache', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test('Clear Cache reports what it cleared', async () => {
    const before = await api.client.request('health/get');
    const idleBefore = before.orchestrators.pool_stats.total_instances - before.orchestrators.pool_stats.leased;
    const result = await vscode.commands.executeCommand<CacheClearResult>('violentutf.clearCache');
    assert.ok(result, 'the command returned no summary');
    assert.ok(Array.isArray(result.closed) && Array.isArray(result.kept));
    // Idle pool instances (the echo run leaves one) are disposed and reported.
    assert.equal(result.pool_instances_disposed, idleBefore, 'disposed exactly the idle pool instances');
    const after = await api.client.request('health/get');
    assert.equal(
      after.orchestrators.pool_stats.total_instances,
      after.orchestrators.pool_stats.leased,
      'no idle instance is left',
    );
  });
});
