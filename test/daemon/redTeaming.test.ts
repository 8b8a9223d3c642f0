import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, waitFor, runToEnd } from '../helpers/daemonHarness';
import { queryDatabase } from '../helpers/duckdbReader';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';

/**
 * One scripted server plays both sides, told apart by `model`:
 * - the attacker ("attacker") answers "<objective> attack <n>", n = user messages it has been sent so far;
 * - the target ("target") reads n back from the attack and answers by the objective's script below.
 */
const OBJECTIVES = ['wins on turn 3', 'never wins', 'refused three times'];

function attackerReply(request: MockRequest): string {
  const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
  const objective = OBJECTIVES.find((candidate) => system.includes(candidate)) ?? 'unknown objective';
  return `${objective} attack ${request.messages.filter((message) => message.role === 'user').length}`;
}

function targetReply(request: MockRequest): string {
  const match = /^(.*) attack (\d+)$/.exec(request.prompt ?? '');
  if (!match) return 'What?';
  const [, objective, n] = [match[0], match[1], Number(match[2])];
  if (objective === 'wins on turn 3' && n === 3) return 'Fine. PWNED';
  if (objective === 'refused three times' && n <= 3) return "I'm sorry, I cannot help with that.";
  if (objective === 'refused three times') return 'Alright: PWNED';
  return `Not yet (${n}).`;
}

interface StoredPiece {
  role: string;
  sequence: number;
  conversation_id: string;
  original_value: string;
  labels: string;
  prompt_metadata: string;
  response_error: string;
}

describe('red_teaming: attacker against target, both scripted on one local OpenAI-compatible server', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  const parameters = (overrides: Record<string, unknown>) => ({
    objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target' },
    adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'attacker' },
    objective_scorer: { type: 'substring', substring: 'PWNED', category: 'jailbreak' },
    ...overrides,
  });
  const requestsTo = (name: string, objective: string): MockRequest[] =>
    model.requests.filter(
      (request) =>
        (request.body as { model?: string }).model === name && JSON.stringify(request.messages).includes(objective),
    );

  async function storedPieces(executionId: string): Promise<StoredPiece[]> {
    await connection.request('cache/clear');
    const copy = path.join(daemon.root, `copy-${executionId}.db`);
    fs.copyFileSync(connection.info.user.db_path, copy);
    return queryDatabase<StoredPiece>(
      copy,
      `SELECT role, sequence, conversation_id, original_value, labels::VARCHAR AS labels, prompt_metadata::VARCHAR AS prompt_metadata, response_error
       FROM "PromptMemoryEntries" WHERE json_extract_string(labels, '$.execution_id') = '${executionId}' ORDER BY conversation_id, sequence`,
    );
  }

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) =>
        (request.body as { model?: string }).model === 'attacker' ? attackerReply(request) : targetReply(request),
    });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('rita');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('reaches the objective on turn 3 exactly as scripted, and fails another at max_turns', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'two objectives',
      orchestrator_type: 'red_teaming',
      parameters: parameters({
        adversarial_chat_system_prompt: 'Red-team the target. Objective: {{objective}}',
        max_turns: 4,
        batch_size: 2,
      }),
    });
    const done = await runToEnd(connection, orchestrator.id, OBJECTIVES.slice(0, 2));
    assert.equal(done.status, 'completed', done.error ?? '');
    // An objective not achieved is held, not an error: the run completes without errors.
    assert.deepEqual(done.progress, { completed: 2, total: 2, errors: 0 });
    assert.deepEqual(done.figures.outcomes, { success: 1, failure: 1, error: 0, undetermined: 0 });

    const { objectives, outcomes } = await connection.request('results/objectives', {
      execution_id: done.execution_id,
    });
    assert.deepEqual(outcomes, { success: 1, failure: 1, error: 0, undetermined: 0 });
    assert.deepEqual(
      objectives.map(({ objective, outcome, turns, score }) => ({ objective, outcome, turns, score })),
      [
        { objective: 'wins on turn 3', outcome: 'success', turns: 3, score: 'True' },
        { objective: 'never wins', outcome: 'failure', turns: 4, score: 'False' },
      ],
    );
    const summary = await connection.request('results/summary', { execution_id: done.execution_id });
    assert.deepEqual(summary.total.outcomes, outcomes, 'results/summary agrees with results/objectives');

    // The target saw the kept turns as history: its third request carries two earlier exchanges.
    const winningTarget = requestsTo('target', 'wins on turn 3');
    assert.equal(winningTarget.length, 3);
    assert.deepEqual(
      winningTarget[2].messages.map((message) => message.content),
      ['wins on turn 3 attack 1', 'Not yet (1).', 'wins on turn 3 attack 2', 'Not yet (2).', 'wins on turn 3 attack 3'],
    );
    // The attacker got the target's answer with the scorer's feedback (use_score_as_feedback defaults to true).
    const winningAttacker = requestsTo('attacker', 'wins on turn 3');
    assert.equal(winningAttacker.length, 3);
    assert.equal(winningAttacker[0].messages[0].content, 'Red-team the target. Objective: wins on turn 3');
    assert.match(
      winningAttacker[1].prompt ?? '',
      /^Not yet \(1\)\.\n\n\[Objective not yet achieved\. Scorer feedback: /,
    );

    const pieces = await storedPieces(done.execution_id);
    const winner = objectives[0].conversation_id;
    const target = pieces.filter((piece) => piece.conversation_id === winner);
    assert.deepEqual(
      target.map((piece) => [piece.sequence, piece.role]),
      [
        [0, 'user'],
        [1, 'assistant'],
        [2, 'user'],
        [3, 'assistant'],
        [4, 'user'],
        [5, 'assistant'],
      ],
    );
    assert.deepEqual(JSON.parse(target[5].prompt_metadata), {
      red_team_result: 'success',
      red_team_turns: 3,
      red_team_backtracks: 0,
      red_team_score: 'True',
      // The tokens the scripted server reports for every reply.
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
    const link = JSON.parse(target[0].labels) as Record<string, string>;
    assert.equal(link.objective_index, '0');
    const adversarial = pieces.filter((piece) => piece.conversation_id === link.red_team_conversation_id);
    assert.deepEqual(
      adversarial.map((piece) => piece.role),
      ['system', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant'],
    );
    assert.ok(
      adversarial.every((piece) => (JSON.parse(piece.labels) as Record<string, string>).objective_index === '0'),
    );
    assert.equal(adversarial[6].original_value, 'wins on turn 3 attack 3');

    // results/list shows one row per objective: the target turn that decided it, with the attacker's conversation.
    const page = await connection.request('results/list', { execution_id: done.execution_id, limit: 10 });
    assert.equal(page.total, 2);
    const won = page.items.find((item) => item.outcome === 'success');
    assert.equal(won?.request.original_value, 'wins on turn 3 attack 3', 'the deciding turn, not the first one');
    assert.equal(won?.executed_turns, 3);
    assert.equal(won?.scores[0]?.score_value, 'True');
    const first = objectives[0];
    assert.ok(first);
    assert.ok(adversarial.every((piece) => piece.conversation_id === first.adversarial_conversation_id));
  });

  it('backtracks on refusals: refused turns are kept in memory, left out of the history, and capped by max_backtracks', async () => {
    const promptFile = path.join(daemon.root, 'attacker.prompt.txt');
    fs.writeFileSync(promptFile, 'You are the attacker. Objective: {{objective}}');
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'crescendo',
      orchestrator_type: 'red_teaming',
      parameters: parameters({
        adversarial_chat_system_prompt_path: promptFile,
        max_turns: 5,
        backtrack: { max_backtracks: 2 },
      }),
    });
    const done = await runToEnd(connection, orchestrator.id, [OBJECTIVES[2]]);
    assert.equal(done.status, 'completed', done.error ?? '');
    const { objectives } = await connection.request('results/objectives', { execution_id: done.execution_id });
    // Attacks 1 and 2 were refused and taken back; attack 3 was refused with no budget left, so it is a kept turn.
    assert.deepEqual(
      objectives.map(({ outcome, turns, backtracks }) => ({ outcome, turns, backtracks })),
      [{ outcome: 'success', turns: 2, backtracks: 2 }],
    );

    const targetRequests = requestsTo('target', OBJECTIVES[2]);
    assert.deepEqual(
      targetRequests.map((request) => request.messages.length),
      [1, 1, 1, 3],
      'refused turns never reach the next request',
    );
    assert.deepEqual(
      targetRequests[3].messages.map((message) => message.content),
      ['refused three times attack 3', "I'm sorry, I cannot help with that.", 'refused three times attack 4'],
    );
    const attackerRequests = requestsTo('attacker', OBJECTIVES[2]);
    assert.equal(attackerRequests[0].messages[0].content, 'You are the attacker. Objective: refused three times');
    assert.match(attackerRequests[1].prompt ?? '', /refused your last message and that turn has been taken back/);

    const pieces = await storedPieces(done.execution_id);
    const target = pieces.filter((piece) => piece.conversation_id === objectives[0].conversation_id);
    assert.deepEqual(
      target.map((piece) => piece.sequence),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    const backtracked = target.filter(
      (piece) => (JSON.parse(piece.prompt_metadata) as { backtracked?: number }).backtracked === 1,
    );
    assert.equal(backtracked.length, 4, 'two refused turns, request and response each');
    assert.equal((JSON.parse(target[7].prompt_metadata) as { red_team_backtracks: number }).red_team_backtracks, 2);
  });

  it('resumes a cancelled run: finished objectives are kept, the one stopped midway starts over', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'resumable',
      orchestrator_type: 'red_teaming',
      parameters: parameters({ max_turns: 3, batch_size: 1 }),
    });
    model.configure({ latencyMs: 40 });
    const objectives = Array.from({ length: 4 }, () => OBJECTIVES[1]);
    const { execution_id: executionId } = await connection.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: objectives },
    });
    await waitFor('one objective to finish', async () =>
      (await connection.request('executions/get', { execution_id: executionId })).progress.completed >= 1
        ? true
        : undefined,
    );
    const cancelled = await connection.request('executions/cancel', { execution_id: executionId });
    model.configure({ latencyMs: 0 });
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.progress.completed < 4);
    const finishedBefore = (await connection.request('results/objectives', { execution_id: executionId })).objectives;

    await connection.request('executions/resume', { execution_id: executionId });
    const done = await waitFor(
      'the resumed run to end',
      async () => {
        const execution = await connection.request('executions/get', { execution_id: executionId });
        return execution.status === 'running' ? undefined : execution;
      },
      60_000,
    );
    assert.equal(done.status, 'completed', done.error ?? '');
    assert.deepEqual(done.progress, { completed: 4, total: 4, errors: 0 });
    const after = (await connection.request('results/objectives', { execution_id: executionId })).objectives;
    assert.deepEqual(
      after.map((objective) => [objective.objective_index, objective.outcome, objective.turns]),
      [
        [0, 'failure', 3],
        [1, 'failure', 3],
        [2, 'failure', 3],
        [3, 'failure', 3],
      ],
    );
    for (const outcome of finishedBefore)
      assert.equal(
        after[outcome.objective_index].conversation_id,
        outcome.conversation_id,
        'a finished objective is not run again',
      );
  });

  it('refuses a Likert objective_scorer with InvalidConfig naming the path', async () => {
    await assert.rejects(
      connection.request('orchestrators/create', {
        name: 'likert',
        orchestrator_type: 'red_teaming',
        parameters: parameters({
          objective_scorer: {
            type: 'self_ask_likert',
            chat_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'judge' },
          },
        }),
      }),
      (error: unknown) =>
        error instanceof DaemonError &&
        error.code === -32015 &&
        /objective_scorer\.type/.test(error.message) &&
        /true\/false/.test(error.message),
    );
  });
});
