import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { CacheClearResult } from '../../../extension/commands/cacheSummary';
import { activeApi, eventually } from './helpers';

suite('Clear Cache', () => {
  let api: ViolentUtfApi;

  const idleInstances = async (): Promise<number> => {
    const { pool_stats: pool } = (await api.client.request('health/get')).orchestrators;
    return pool.total_instances - pool.leased;
  };

  // Something to clear, of its own making: a finished run leaves its orchestrator instance idle in the pool.
  // (It used to count on an earlier suite's run; without one it cleared nothing and still passed.)
  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    const orchestrator = await api.client.request('orchestrators/create', {
      name: `cache ${Date.now().toString(36)}`,
      orchestrator_type: 'prompt_sending',
      tags: ['editor-test'],
      parameters: { objective_target: { type: 'echo' } },
    });
    const started = await api.client.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: ['hello'] },
    });
    await eventually(
      async () =>
        (await api.client.request('executions/get', { execution_id: started.execution_id })).status !== 'running',
      60_000,
      'the echo run ending',
    );
    await eventually(async () => (await idleInstances()) >= 1, 20_000, 'the run releasing its pool instance');
  });

  test('Clear Cache reports what it cleared', async () => {
    const idleBefore = await idleInstances();
    assert.ok(idleBefore >= 1, 'the suite setup left an idle pool instance to dispose');
    const result = await vscode.commands.executeCommand<CacheClearResult>('violentutf.clearCache');
    assert.ok(result, 'the command returned no summary');
    assert.ok(Array.isArray(result.closed) && Array.isArray(result.kept));
    // Idle pool instances (the setup's echo run leaves one) are disposed and reported.
    assert.equal(result.pool_instances_disposed, idleBefore, 'disposed exactly the idle pool instances');
    const after = await api.client.request('health/get');
    assert.equal(
      after.orchestrators.pool_stats.total_instances,
      after.orchestrators.pool_stats.leased,
      'no idle instance is left',
    );
  });
});
