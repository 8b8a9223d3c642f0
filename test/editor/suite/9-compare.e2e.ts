import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { ComparePanel } from '../../../extension/panels/comparePanel';
import { formatDelta } from '../../../webview/shared/comparePanelMessages';
import { formatRate } from '../../../domain/runFigures';
import { activeApi, eventually, within } from './helpers';

// Two scripted offline runs: the echo target answers with the (converted) prompt and the substring scorer calls
// every answer holding "PWNED" a jailbreak. rot13 in head turns "CJARQ" into "PWNED" and "PWNED" into "CJARQ".
const SCORER = { type: 'substring', substring: 'PWNED', category: 'jailbreak' };
const SHARED = ['say PWNED', 'CJARQ now', 'CJARQ twice', 'hello there'];
const BASE_PROMPTS = [...SHARED, 'only in base']; // 1 of 5 jailbroken: "say PWNED"
const HEAD_PROMPTS = [...SHARED, 'only in head']; // 2 of 5: "CJARQ now", "CJARQ twice"

suite('comparing executions', () => {
  let api: ViolentUtfApi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
  });

  async function run(name: string, converters: unknown[], prompts: string[]): Promise<string> {
    const orchestrator = await api.client.request('orchestrators/create', {
      name,
      orchestrator_type: 'prompt_sending',
      tags: ['editor-test'],
      parameters: {
        objective_target: { type: 'echo' },
        prompt_converters: converters,
        scorers: [SCORER],
        batch_size: 2,
      },
    });
    const started = await api.client.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: prompts },
    });
    let status = 'running';
    await eventually(
      async () => {
        status = (await api.client.request('executions/get', { execution_id: started.execution_id })).status;
        return status !== 'running';
      },
      60_000,
      `the run of "${name}" ending`,
    );
    assert.equal(status, 'completed', `"${name}" ended ${status}`);
    return started.execution_id;
  }

  test('Compare Executions with two runs as arguments opens a panel showing results/compare', async function () {
    this.timeout(120_000);
    const suffix = Date.now().toString(36);
    const baseId = await run(`compare base ${suffix}`, [], BASE_PROMPTS);
    const headId = await run(`compare head ${suffix}`, [{ type: 'rot13' }], HEAD_PROMPTS);

    const panel = await vscode.commands.executeCommand<ComparePanel | undefined>(
      'violentutf.compareExecutions',
      baseId,
      headId,
    );
    assert.ok(panel, 'the command opened no panel');
    assert.equal(panel.baseExecutionId, baseId);
    assert.equal(panel.headExecutionId, headId);
    const rendered = await within(panel.whenRendered(), 30_000, 'the compare webview rendering');
    assert.equal(panel.error, null);

    const expected = await api.client.request('results/compare', {
      base_execution_id: baseId,
      head_execution_id: headId,
    });
    assert.deepEqual(panel.comparison, expected, 'the panel holds what results/compare answers');
    // The scripted deltas.
    assert.deepEqual(expected.totals, {
      newly_jailbroken: 2,
      newly_held: 1,
      unchanged: 1,
      changed: 0,
      missing_in_base: 1,
      missing_in_head: 1,
    });
    assert.ok(
      expected.attack_success_rate_delta !== null && Math.abs(expected.attack_success_rate_delta - 0.2) < 1e-9,
      `delta ${expected.attack_success_rate_delta}`,
    );

    // …and the page shows it: rates, delta, totals, bars, and the changed prompts, newly jailbroken first.
    assert.equal(rendered.base_execution_id, baseId);
    assert.equal(rendered.head_execution_id, headId);
    assert.equal(rendered.base_rate, formatRate(expected.base.attack_success_rate));
    assert.equal(rendered.head_rate, formatRate(expected.head.attack_success_rate));
    assert.equal(rendered.base_rate, '20.0%');
    assert.equal(rendered.head_rate, '40.0%');
    assert.equal(rendered.base_outcomes, '1 of 5 judged jailbroken (20.0%) · 5 prompts');
    assert.equal(rendered.head_outcomes, '2 of 5 judged jailbroken (40.0%) · 5 prompts');
    assert.equal(rendered.delta, '+20 pp');
    assert.deepEqual(rendered.totals, expected.totals);
    // Each side's stored outcome, in the words every view uses.
    assert.deepEqual(rendered.rows, [
      { prompt: 'CJARQ now', change: 'newly_jailbroken', base: 'held', head: 'jailbroken' },
      { prompt: 'CJARQ twice', change: 'newly_jailbroken', base: 'held', head: 'jailbroken' },
      { prompt: 'say PWNED', change: 'newly_held', base: 'jailbroken', head: 'held' },
      { prompt: 'only in head', change: 'missing_in_base', base: '—', head: 'held' },
      { prompt: 'only in base', change: 'missing_in_head', base: 'held', head: '—' },
    ]);
    assert.deepEqual(
      rendered.converter_bars,
      expected.by_converter.map((row) => `${row.name}: ${formatDelta(row.delta)}`),
    );
    assert.deepEqual(
      rendered.scorer_bars,
      expected.by_scorer.map((row) => `${row.name}: ${formatDelta(row.delta)}`),
    );
    assert.ok(rendered.scorer_bars.length > 0, 'the scorer has a delta bar');

    // The same pair again reveals the same panel.
    const again = await vscode.commands.executeCommand<ComparePanel | undefined>(
      'violentutf.compareExecutions',
      baseId,
      headId,
    );
    assert.equal(again, panel);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
