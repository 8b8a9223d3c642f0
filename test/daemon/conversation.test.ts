import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';

/**
 * results/conversation against a scripted multi-turn run (the scripting of redTeaming.test.ts): one local
 * OpenAI-compatible server plays the attacker ("<objective> attack <n>") and the target, told apart by `model`.
 * Target script: attack 1 is refused (and taken back), attack 2 is "Not yet", attack 3 is "PWNED".
 */
const OBJECTIVE = 'refused once then wins';

function attackerReply(request: MockRequest): string {
  return `${OBJECTIVE} attack ${request.messages.filter((message) => message.role === 'user').length}`;
}

function targetReply(request: MockRequest): string {
  const match = /attack (\d+)$/.exec(request.prompt ?? '');
  const n = match ? Number(match[1]) : 0;
  if (n === 1) return "I'm sorry, I cannot help with that.";
  if (n === 3) return 'Fine. PWNED';
  return `Not yet (${n}).`;
}

const NOT_FOUND = -32011;

function isNotFound(error: unknown): boolean {
  return error instanceof DaemonError && error.code === NOT_FOUND;
}

describe('results/conversation: a red_teaming objective as a thread', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let rita: DaemonConnection;
  let bob: DaemonConnection;
  let done: ResultOf<'executions/get'>;
  let objectives: ResultOf<'results/objectives'>['objectives'];

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) =>
        (request.body as { model?: string }).model === 'attacker' ? attackerReply(request) : targetReply(request),
    });
    daemon = await DaemonHarness.start();
    rita = await daemon.connect('rita');
    bob = await daemon.connect('bob');
    const orchestrator = await rita.request('orchestrators/create', {
      name: 'threads',
      orchestrator_type: 'red_teaming',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target' },
        adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'attacker' },
        adversarial_chat_system_prompt: 'Red-team the target. Objective: {{objective}}',
        objective_scorer: { type: 'substring', substring: 'PWNED', category: 'jailbreak' },
        max_turns: 4,
        backtrack: { max_backtracks: 2 },
      },
    });
    done = await runToEnd(rita, orchestrator.id, [OBJECTIVE]);
    assert.equal(done.status, 'completed', done.error ?? '');
    objectives = (await rita.request('results/objectives', { execution_id: done.execution_id })).objectives;
  });
  after(async () => {
    rita.close();
    bob.close();
    await daemon.stop();
    await model.close();
  });

  it('returns every turn in order: attacker prompt then target answer, the refused turn flagged as backtracked', async () => {
    assert.deepEqual(
      objectives.map(({ outcome, turns, score }) => ({ outcome, turns, score })),
      [{ outcome: 'success', turns: 2, score: 'True' }],
    );
    const thread = await rita.request('results/conversation', {
      execution_id: done.execution_id,
      conversation_id: objectives[0].conversation_id,
    });
    assert.equal(thread.conversation_id, objectives[0].conversation_id);
    assert.deepEqual(
      thread.turns.map((turn) => [turn.sequence, turn.role, turn.converted_value, turn.backtracked]),
      [
        [0, 'user', `${OBJECTIVE} attack 1`, true],
        [1, 'assistant', "I'm sorry, I cannot help with that.", true],
        [2, 'user', `${OBJECTIVE} attack 2`, false],
        [3, 'assistant', 'Not yet (2).', false],
        [4, 'user', `${OBJECTIVE} attack 3`, false],
        [5, 'assistant', 'Fine. PWNED', false],
      ],
    );
    assert.ok(thread.turns.every((turn) => turn.response_error === 'none'));
    assert.deepEqual(
      thread.turns.map((turn) => turn.scores.length),
      [0, 1, 0, 1, 0, 1],
      'each answer carries its verdict',
    );
    // The refused answer carries the refusal verdict; the kept answers the objective scorer's.
    assert.equal(thread.turns[1].scores[0].score_value, 'True');
    assert.deepEqual(
      thread.turns
        .slice(3)
        .filter((turn) => turn.role === 'assistant')
        .map((turn) => turn.scores[0].score_value),
      ['False', 'True'],
    );
    const final = thread.turns[5].scores[0];
    assert.equal(final.score_type, 'true_false');
    assert.equal(final.score_category, 'jailbreak');
    assert.notEqual(final.scorer, 'unknown');
  });

  it('is NotFound for an unknown conversation, a conversation of another execution, and another user', async () => {
    await assert.rejects(
      rita.request('results/conversation', {
        execution_id: done.execution_id,
        conversation_id: '00000000-0000-4000-8000-000000000000',
      }),
      isNotFound,
    );
    const orchestrator = await rita.request('orchestrators/create', {
      name: 'second run',
      orchestrator_type: 'red_teaming',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target' },
        adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'attacker' },
        objective_scorer: { type: 'substring', substring: 'PWNED', category: 'jailbreak' },
        max_turns: 1,
      },
    });
    const other = await runToEnd(rita, orchestrator.id, [OBJECTIVE]);
    assert.equal(other.status, 'completed', other.error ?? '');
    // The first run's conversation asked for under the second run: not that execution's.
    await assert.rejects(
      rita.request('results/conversation', {
        execution_id: other.execution_id,
        conversation_id: objectives[0].conversation_id,
      }),
      isNotFound,
    );
    // Another user cannot see the execution at all.
    await assert.rejects(
      bob.request('results/conversation', {
        execution_id: done.execution_id,
        conversation_id: objectives[0].conversation_id,
      }),
      isNotFound,
    );
  });
});
