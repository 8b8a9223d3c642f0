import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { RenderedThread } from '../../../webview/shared/resultsPanelMessages';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../../fixtures/targets/mockOpenAiServer';
import { activeApi, eventually, within } from './helpers';

// One scripted local OpenAI-compatible server plays both sides (told apart by `model`): the attacker answers
// "<objective> attack <n>"; the target refuses attack 1 (taken back), answers "Not yet" to 2 and "PWNED" to 3.
const OBJECTIVE = 'thread objective';

function reply(request: MockRequest): string {
  if ((request.body as { model?: string }).model === 'attacker')
    return `${OBJECTIVE} attack ${request.messages.filter((message) => message.role === 'user').length}`;
  const n = Number(/attack (\d+)$/.exec(request.prompt ?? '')?.[1] ?? 0);
  if (n === 1) return "I'm sorry, I cannot help with that.";
  if (n === 3) return 'Fine. PWNED';
  return `Not yet (${n}).`;
}

suite('multi-turn results as threads', () => {
  let api: ViolentUtfApi;
  let model: MockOpenAi;

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    model = await startMockOpenAi({ reply });
  });
  suiteTeardown(async () => {
    await model?.close();
  });

  test('the results panel shows objectives achieved and opens an objective as a thread, the refused turn struck through', async function () {
    this.timeout(120_000);
    const orchestrator = await api.client.request('orchestrators/create', {
      name: `threads ${Date.now().toString(36)}`,
      orchestrator_type: 'red_teaming',
      tags: ['editor-test'],
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target' },
        adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'attacker' },
        objective_scorer: { type: 'substring', substring: 'PWNED', category: 'jailbreak' },
        max_turns: 4,
        backtrack: { max_backtracks: 2 },
      },
    });
    const started = await api.client.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: [OBJECTIVE] },
    });
    let status = 'running';
    await eventually(
      async () => {
        status = (await api.client.request('executions/get', { execution_id: started.execution_id })).status;
        return status !== 'running';
      },
      60_000,
      'the red_teaming run ending',
    );
    assert.equal(status, 'completed');
    const { objectives } = await api.client.request('results/objectives', { execution_id: started.execution_id });
    assert.equal(objectives.length, 1);
    const conversationId = objectives[0].conversation_id;

    assert.equal(
      await vscode.commands.executeCommand<string | undefined>('violentutf.showResults', started.execution_id),
      started.execution_id,
    );
    const panel = api.resultsPanel(started.execution_id);
    assert.ok(panel, 'no results panel opened');
    // The page may still be loading when asked first: ask again until it answers.
    let rendered: RenderedThread | undefined;
    await eventually(
      async () => {
        rendered = await within(panel.openThread(conversationId), 5_000, 'the thread rendering').catch(() => undefined);
        return rendered !== undefined;
      },
      45_000,
      'the webview drawing the thread',
    );
    assert.ok(rendered);
    assert.equal(rendered.header, '1 of 1 objective achieved');
    assert.deepEqual(
      rendered.turns.map((turn) => [turn.sequence, turn.speaker, turn.text, turn.backtracked]),
      [
        [0, 'Attacker', `${OBJECTIVE} attack 1`, true],
        [1, 'Target', "I'm sorry, I cannot help with that.", true],
        [2, 'Attacker', `${OBJECTIVE} attack 2`, false],
        [3, 'Target', 'Not yet (2).', false],
        [4, 'Attacker', `${OBJECTIVE} attack 3`, false],
        [5, 'Target', 'Fine. PWNED', false],
      ],
    );
    assert.match(rendered.final, /^Final score: .*: True/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
