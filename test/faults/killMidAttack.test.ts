import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { storedAttackResults, storedPieces } from '../helpers/storedAttack';
import { startMockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';

const OBJECTIVES = ['objective A', 'objective B', 'objective C'];
const modelOf = (request: MockRequest): string | undefined => (request.body as { model?: string }).model;
const objectiveOf = (request: MockRequest): string | undefined =>
  OBJECTIVES.find((objective) => JSON.stringify(request.messages).includes(objective));

/** fakeAttacker asks "<objective> step N"; fakeTarget numbers every answer, so a replayed answer is recognisable. */
function reply(request: MockRequest): string {
  if (modelOf(request) === 'fakeAttacker') {
    const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
    const objective = OBJECTIVES.find((candidate) => system.includes(candidate)) ?? '?';
    const turn = /This is turn (\d+) of/.exec(request.prompt ?? '')?.[1] ?? '?';
    return JSON.stringify({
      generated_question: `${objective} step ${turn}`,
      last_response_summary: '',
      rationale_behind_jailbreak: 'next',
    });
  }
  return `Background #${request.index}.`;
}

describe('kill -9 in the middle of a crescendo objective (real daemon, real DuckDB)', () => {
  it('resume keeps the finished objective, restarts the interrupted one from its beginning and never replays it', async () => {
    const model = await startMockOpenAi({ reply, latencyMs: 30 });
    const first = await DaemonHarness.start();
    let second: DaemonHarness | undefined;
    try {
      let connection = await first.connect('kim');
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'crescendo crash',
        orchestrator_type: 'crescendo',
        parameters: {
          objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeTarget' },
          adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeAttacker' },
          objective_scorer: { type: 'substring', substring: 'PWNED' },
          max_turns: 4,
          batch_size: 1,
        },
      });
      const { execution_id: executionId } = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: OBJECTIVES },
      });
      // Objective B's second turn is on its way: its first turn is committed, its attack result is not.
      await waitFor(
        'objective B midway',
        () =>
          model.requests.some(
            (request) =>
              modelOf(request) === 'fakeTarget' &&
              objectiveOf(request) === 'objective B' &&
              request.messages.length >= 3,
          ) || undefined,
      );
      connection.close();
      await first.kill9();
      const beforeRestart = model.requests.length;
      const answersBefore = new Set(
        model.requests
          .filter((request) => modelOf(request) === 'fakeTarget')
          .map((request) => `Background #${request.index}.`),
      );

      second = await DaemonHarness.start({ reuse: first });
      connection = await second.connect('kim');
      const interrupted = await connection.request('executions/get', { execution_id: executionId });
      assert.equal(interrupted.status, 'interrupted');
      assert.equal(interrupted.progress.completed, 1, 'objective A finished before the kill');
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
      assert.deepEqual(done.progress, { completed: 3, total: 3, errors: 0 });

      const afterRestart = model.requests.slice(beforeRestart);
      assert.ok(
        afterRestart.every((request) => objectiveOf(request) !== 'objective A'),
        'the finished objective is not run again',
      );
      const targetAfter = afterRestart.filter((request) => modelOf(request) === 'fakeTarget');
      const firstOfB = targetAfter.find((request) => objectiveOf(request) === 'objective B');
      assert.deepEqual(
        firstOfB?.messages.map((message) => message.content),
        ['objective B step 1'],
        'objective B starts over from its first turn, with no history',
      );
      for (const request of targetAfter)
        for (const message of request.messages)
          assert.ok(!answersBefore.has(message.content), `replayed to the target: ${message.content}`);

      const results = await storedAttackResults(connection, second.root, executionId);
      assert.deepEqual(
        results.map((result) => [result.objective, result.outcome, result.executed_turns]),
        OBJECTIVES.map((objective) => [objective, 'failure', 4]),
        'exactly one attack result per objective',
      );
      // The interrupted attempt's conversations stay in memory, beside the ones the result rests on.
      const pieces = await storedPieces(connection, second.root, executionId);
      const resultOfB = results[1];
      const partial = pieces.filter(
        (piece) =>
          piece.labels.objective_index === '1' &&
          piece.conversation_id !== resultOfB.conversation_id &&
          !resultOfB.adversarial_chat_conversation_ids.includes(piece.conversation_id),
      );
      assert.ok(partial.length >= 2, 'the partial target and attacker turns of the killed attempt are kept');
      assert.ok(partial.every((piece) => piece.labels.execution_id === executionId));
      connection.close();
    } finally {
      await second?.stop({ keepFiles: true });
      await first.stop();
      await model.close();
    }
  });
});
