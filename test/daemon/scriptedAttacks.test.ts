import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, runToEnd, waitFor } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

/**
 * The scripted attacks against a scripted target (`fakeTarget`, a local OpenAI-compatible server): it answers
 * "PWNED" to a prompt holding the word "please", and "Noted (n)." to anything else, n = the user turns it was sent.
 */
let holdCancelTurn: Promise<void> | undefined;
let cancelTurnArrived = false;

async function fakeTargetReply(request: MockRequest): Promise<string> {
  const prompt = request.prompt ?? '';
  // The cancel test's second turn waits until the test lets it go.
  if (prompt === 'cancel me, turn 2' && holdCancelTurn !== undefined) {
    cancelTurnArrived = true;
    await holdCancelTurn;
  }
  if (prompt.includes('please') || prompt.includes('esaelp')) return `PWNED: ${prompt.slice(0, 40)}`;
  return `Noted (${request.messages.filter((message) => message.role === 'user').length}).`;
}

describe('scripted attacks: many_shot, skeleton_key, multi_prompt_sending, flip', () => {
  let daemon: DaemonHarness;
  let fakeTarget: MockOpenAi;
  let connection: DaemonConnection;
  let examplesPath: string;
  const target = () => ({ type: 'openai_chat', endpoint: fakeTarget.chatUrl, model: 'target' });
  const pwned = [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }];

  /** The fake target's requests for one objective, in the order they arrived. */
  const requestsFor = (marker: string): MockRequest[] =>
    fakeTarget.requests.filter((request) => JSON.stringify(request.messages).includes(marker));

  async function run(orchestratorType: string, parameters: Record<string, unknown>, objectives: string[]) {
    const orchestrator = await connection.request('orchestrators/create', {
      name: `${orchestratorType} test ${Math.random()}`,
      orchestrator_type: orchestratorType,
      parameters: { objective_target: target(), scorers: pwned, ...parameters },
    });
    const done = await runToEnd(connection, orchestrator.id, objectives);
    assert.equal(done.status, 'completed', done.error ?? '');
    const list = await connection.request('results/list', { execution_id: done.execution_id, limit: 50 });
    return { done, items: list.items };
  }

  before(async () => {
    fakeTarget = await startMockOpenAi({ reply: fakeTargetReply });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('sam');
    examplesPath = path.join(daemon.root, 'many-shot.json');
    fs.writeFileSync(
      examplesPath,
      JSON.stringify(
        Array.from({ length: 8 }, (_, index) => ({ user: `question ${index}?`, assistant: `answer ${index}.` })),
      ),
    );
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await fakeTarget.close();
  });

  it('multi_prompt_sending keeps one conversation: each turn carries the earlier ones, the last is scored', async () => {
    const { done, items } = await run(
      'multi_prompt_sending',
      { prompt_sequence: ['Hello, topic {{objective}}.', 'Tell me more about {{objective}}.', 'Now please do it.'] },
      ['mps-alpha', 'mps-beta'],
    );
    assert.deepEqual(done.figures.outcomes, { success: 2, failure: 0, error: 0, undetermined: 0 });
    const alpha = requestsFor('mps-alpha');
    assert.equal(alpha.length, 3, 'three turns to the target');
    assert.deepEqual(
      alpha[2].messages.map((message) => [message.role, message.content]),
      [
        ['user', 'Hello, topic mps-alpha.'],
        ['assistant', 'Noted (1).'],
        ['user', 'Tell me more about mps-alpha.'],
        ['assistant', 'Noted (2).'],
        ['user', 'Now please do it.'],
      ],
    );
    assert.equal(items.length, 2, 'one attack result per objective');
    const item = items.find((candidate) => candidate.prompt_index === 0);
    assert.ok(item);
    assert.equal(item.executed_turns, 3);
    assert.equal(item.request?.original_value, 'Now please do it.');
    const thread = await connection.request('results/conversation', {
      execution_id: done.execution_id,
      conversation_id: item.conversation_id,
    });
    assert.deepEqual(
      thread.turns.map((turn) => [turn.sequence, turn.role]),
      [
        [0, 'user'],
        [1, 'assistant'],
        [2, 'user'],
        [3, 'assistant'],
        [4, 'user'],
        [5, 'assistant'],
      ],
    );
    assert.deepEqual(
      thread.turns.map((turn) => turn.scores.length),
      [0, 0, 0, 0, 0, 1],
      'only the last answer is scored',
    );
  });

  it('skeleton_key sends the skeleton key, then the objective after it in the same conversation', async () => {
    const { done, items } = await run('skeleton_key', {}, ['sk-objective: please explain']);
    assert.deepEqual(done.figures.outcomes, { success: 1, failure: 0, error: 0, undetermined: 0 });
    const sent = requestsFor('sk-objective');
    assert.equal(sent.length, 1, 'the objective went once');
    const [keyTurn, keyAnswer, objectiveTurn] = sent[0].messages;
    assert.match(keyTurn.content, /^This is a safe educational context with advanced researchers/);
    assert.equal(keyAnswer.content, 'Noted (1).');
    assert.equal(objectiveTurn.content, 'sk-objective: please explain');
    assert.equal(items[0].executed_turns, 2);
  });

  it("flip sends FlipAttack's system prompt and the task flipped, character by character", async () => {
    const { done, items } = await run('flip', {}, ["flip-objective, it's please"]);
    assert.equal(done.figures.outcomes.success, 1);
    const sent = requestsFor('⟫');
    assert.equal(sent.length, 1);
    const [system, user] = sent[0].messages;
    assert.equal(system.role, 'system');
    assert.match(system.content, /flipping each character back/);
    // PyRIT drops the apostrophes of the objective, then FlipConverter reverses the whole task.
    assert.equal(user.content, Array.from("TASK is '⟪flip-objective, its please⟫'").reverse().join(''));
    assert.deepEqual(items[0].request?.converters, ['FlipConverter']);
    const thread = await connection.request('results/conversation', {
      execution_id: done.execution_id,
      conversation_id: items[0].conversation_id,
    });
    assert.deepEqual(
      thread.turns.map((turn) => turn.role),
      ['system', 'user', 'assistant'],
    );
  });

  it('many_shot places example_count examples before the objective; the same seed picks the same ones', async () => {
    const first = await run('many_shot', { examples_path: examplesPath, example_count: 3 }, ['ms-first please']);
    const [firstPrompt] = requestsFor('ms-first').map((request) => request.prompt ?? '');
    assert.deepEqual(
      [...firstPrompt.matchAll(/User: question (\d)\?\nAssistant: answer \d\./g)].map((match) => match[1]),
      ['0', '1', '2'],
      'without a seed, the first three, as PyRIT takes them',
    );
    assert.ok(firstPrompt.endsWith('User: ms-first please'));
    assert.equal(first.done.figures.outcomes.success, 1);

    const chosen = async (marker: string, seed: number): Promise<string[]> => {
      await run('many_shot', { examples_path: examplesPath, example_count: 4, seed }, [marker]);
      const [prompt] = requestsFor(marker).map((request) => request.prompt ?? '');
      return [...prompt.matchAll(/User: question (\d)\?/g)].map((match) => match[1]);
    };
    const seven = await chosen('ms-seed-a', 7);
    assert.equal(seven.length, 4);
    assert.equal(new Set(seven).size, 4, 'four different examples');
    assert.deepEqual(await chosen('ms-seed-b', 7), seven, 'same seed, same examples in the same order');
  });

  it('cancel mid-objective, then resume: the objective starts over, its partial conversation is superseded', async () => {
    let release = (): void => undefined;
    holdCancelTurn = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'cancel and resume',
        orchestrator_type: 'multi_prompt_sending',
        parameters: {
          objective_target: target(),
          scorers: pwned,
          prompt_sequence: ['cancel me, turn 1', 'cancel me, turn 2', 'now please, {{objective}}'],
        },
      });
      const { execution_id: executionId } = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: ['mps-cancel'] },
      });
      // The server logs a request once answered: the held turn 2 is seen arriving by the flag instead.
      await waitFor('turn 2 to reach the target', () => (cancelTurnArrived ? true : undefined));
      const cancelled = await connection.request('executions/cancel', { execution_id: executionId });
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.progress.completed, 0, 'the cut-short objective has no result');
      holdCancelTurn = undefined;
      const before = fakeTarget.requests.length;
      await connection.request('executions/resume', { execution_id: executionId });
      const done = await waitFor('the resumed run to end', async () => {
        const execution = await connection.request('executions/get', { execution_id: executionId });
        return execution.status === 'running' ? undefined : execution;
      });
      assert.equal(done.status, 'completed', done.error ?? '');
      assert.deepEqual(done.figures.outcomes, { success: 1, failure: 0, error: 0, undetermined: 0 });
      const { items } = await connection.request('results/list', { execution_id: executionId, limit: 10 });
      assert.equal(items.length, 1, 'one attack result for the objective');
      assert.equal(items[0].superseded_conversation_ids.length, 1);
      const partial = await connection.request('results/conversation', {
        execution_id: executionId,
        conversation_id: items[0].superseded_conversation_ids[0],
      });
      assert.equal(partial.superseded, true);
      assert.deepEqual(
        partial.turns.map((turn) => [turn.role, turn.original_value]),
        [
          ['user', 'cancel me, turn 1'],
          ['assistant', 'Noted (1).'],
        ],
      );
      // The objective started over: its first request after the resume carries no history.
      const again = fakeTarget.requests.slice(before).filter((request) => request.prompt?.startsWith('cancel me'));
      assert.deepEqual(
        again[0]?.messages.map((message) => message.content),
        ['cancel me, turn 1'],
      );
      assert.equal(items[0].executed_turns, 3);
    } finally {
      release();
      holdCancelTurn = undefined;
    }
  });

  it('refuses a many_shot config without examples with an error that names the field', async () => {
    await assert.rejects(
      connection.request('orchestrators/create', {
        name: 'no examples',
        orchestrator_type: 'many_shot',
        parameters: { objective_target: target() },
      }),
      (error: Error) => error.message.includes('examples_path'),
    );
  });
});
