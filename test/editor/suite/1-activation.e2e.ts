import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import { activeApi, stateDir } from './helpers';

suite('activation and daemon lifecycle', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  test('activation spawns or attaches to the daemon named by the discovery file', () => {
    const state = api.client.state;
    assert.equal(state.kind, 'connected');
    if (state.kind !== 'connected') return;
    const discovery = JSON.parse(fs.readFileSync(path.join(stateDir(), 'daemon.json'), 'utf8')) as {
      pid: number;
      port: number;
    };
    assert.equal(state.info.daemon.pid, discovery.pid, 'connected to the daemon the discovery file names');
    assert.doesNotThrow(() => process.kill(discovery.pid, 0), 'the daemon process is alive');
    // The harness gives every run a fresh state dir, so this window must have started the daemon itself.
    if (process.env.VUTF_EDITOR_FRESH_STATE === '1')
      assert.equal(state.spawnedByThisWindow, true, 'spawned by this window');
  });

  test('a daemon this window spawned got the violentutf.* settings', async function () {
    const state = api.client.state;
    if (state.kind !== 'connected' || !state.spawnedByThisWindow) this.skip();
    const settings = vscode.workspace.getConfiguration('violentutf');
    const info = await api.client.request('debug/info');
    const memoryDir = settings.get<string>('memoryDir');
    if (memoryDir) assert.equal(info.memory_dir, memoryDir, 'violentutf.memoryDir → VIOLENTUTF_MEMORY_DIR');
    const health = await api.client.request('health/get');
    assert.equal(
      health.orchestrators.pool_stats.max_instances,
      settings.get<number>('pool.size'),
      'violentutf.pool.size → ORCHESTRATOR_POOL_SIZE',
    );
    assert.equal(
      health.orchestrators.pool_stats.ttl_minutes,
      settings.get<number>('pool.ttlMinutes'),
      'violentutf.pool.ttlMinutes → ORCHESTRATOR_TTL_MINUTES',
    );
  });

  test('every ViolentUTF command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const expected = [
      'launchOrchestrator',
      'newOrchestratorConfig',
      'cancelExecution',
      'resumeExecution',
      'retryErrors',
      'showResults',
      'deleteOrchestrator',
      'clearCache',
      'showDebugInfo',
      'setTargetApiKey',
      'restartDaemon',
      'showLogs',
      'refreshOrchestrators',
    ].map((name) => `violentutf.${name}`);
    assert.deepEqual(
      expected.filter((id) => !all.has(id)),
      [],
      'missing commands',
    );
  });

  test('the status bar item shows the daemon as reachable', () => {
    assert.match(api.statusBar.text, /ViolentUTF/);
    assert.doesNotMatch(api.statusBar.text, /daemon down/);
  });
});
