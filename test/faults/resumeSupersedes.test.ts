import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import { allResults, waitForEnd } from './faultKit';

/**
 * kill -9 of the real daemon in the middle of a red_teaming objective, then resume. One scripted server plays both
 * models: the attacker (`fakeAttacker`) answers "<objective> attack <n>"; the target (`fakeTarget`) answers each
 * request with a reply numbered by the server ("reply #k"), so every answer of the cut-short conversation is
 * unique and can be looked for in what the target is sent after the resume.
 */
const QUICK = 'quick objective';
const SLOW = 'slow objective';

describe('resume after kill -9 mid-attack (real daemon, real DuckDB)', () => {
  it('gives each objective exactly one attack result; the partial conversation is superseded and never replayed', async () => {
    let replies = 0;
    /** Target prompts as they arrive (the server logs a request only once it is answered). */
    const arrived: MockRequest[] = [];
    let release = (): void => undefined;
    let killed = false;
    const model = await startMockOpenAi({
      reply: async (request: MockRequest) => {
        const body = request.body as { model?: string };
        if (body.model === 'attacker') {
          const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
          const objective = system.includes(SLOW) ? SLOW : QUICK;
          return `${objective} attack ${request.messages.filter((message) => message.role === 'user').length}`;
        }
        replies += 1;
        arrived.push(request);
        if ((request.prompt ?? '').startsWith(QUICK)) return `PWNED (reply #${replies})`;
        // The slow objective never wins, and its third turn hangs until the daemon is killed.
        if (!killed && (request.prompt ?? '').endsWith('attack 3'))
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        return `Not yet (reply #${replies})`;
      },
    });
    const first = await DaemonHarness.start();
    let second: DaemonHarness | undefined;
    try {
      let connection = await first.connect('rene');
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'kill mid-attack',
        orchestrator_type: 'red_teaming',
        parameters: {
          objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'target', timeout_s: 60 },
          adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'attacker' },
          objective_scorer: { type: 'substring', substring: 'PWNED', category: 'jailbreak' },
          max_turns: 4,
          batch_size: 1,
        },
      });
      const { execution_id: executionId } = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: [QUICK, SLOW] },
      });
      // Turns 1 and 2 of the slow objective are committed before its attacker is asked for turn 3.
      await waitFor('the slow objective to send its third turn', () =>
        arrived.some((request) => request.prompt === `${SLOW} attack 3`) ? true : undefined,
      );
      assert.deepEqual(
        arrived.map((request) => request.prompt ?? '').filter((prompt) => prompt.startsWith(SLOW)),
        [`${SLOW} attack 1`, `${SLOW} attack 2`, `${SLOW} attack 3`],
      );
      connection.close();
      await first.kill9();
      killed = true;
      release();
      const sentBeforeResume = arrived.length;

      second = await DaemonHarness.start({ reuse: first });
      connection = await second.connect('rene');
      const interrupted = await connection.request('executions/get', { execution_id: executionId });
      assert.equal(interrupted.status, 'interrupted');
      assert.deepEqual(interrupted.figures.outcomes, { success: 1, failure: 0, error: 0, undetermined: 0 });
      await connection.request('executions/resume', { execution_id: executionId });
      const done = await waitForEnd(connection, executionId, 60_000);
      assert.equal(done.status, 'completed', done.error ?? '');

      // Exactly one attack result per objective, and the figures count those only.
      const { items } = await allResults(connection, executionId);
      assert.deepEqual(items.map((item) => item.prompt_index).sort(), [0, 1]);
      assert.deepEqual(done.figures.outcomes, { success: 1, failure: 1, error: 0, undetermined: 0 });
      assert.deepEqual(done.progress, { completed: 2, total: 2, errors: 0 });
      const slow = items.find((item) => item.prompt_index === 1);
      const quick = items.find((item) => item.prompt_index === 0);
      assert.ok(slow && quick);
      assert.equal(slow.executed_turns, 4, 'the slow objective ran again from its first turn');
      assert.deepEqual(quick.superseded_conversation_ids, []);
      assert.equal(slow.superseded_conversation_ids.length, 1, 'its cut-short conversation is listed, superseded');
      const [partialId] = slow.superseded_conversation_ids;
      assert.notEqual(partialId, slow.conversation_id);

      // The partial conversation is kept, marked, with the two turns that were committed before the kill.
      const partial = await connection.request('results/conversation', {
        execution_id: executionId,
        conversation_id: partialId,
      });
      assert.equal(partial.superseded, true);
      assert.deepEqual(
        partial.turns.map((turn) => [turn.role, turn.original_value.replace(/#\d+/, '#k')]),
        [
          ['user', `${SLOW} attack 1`],
          ['assistant', 'Not yet (reply #k)'],
          ['user', `${SLOW} attack 2`],
          ['assistant', 'Not yet (reply #k)'],
        ],
      );
      const final = await connection.request('results/conversation', {
        execution_id: executionId,
        conversation_id: slow.conversation_id,
      });
      assert.equal(final.superseded, false);

      // The target never received the partial conversation's turns again: after the resume, no request carries
      // one of its answers as history, and the restarted objective's first turn has no history at all.
      const partialReplies = partial.turns
        .filter((turn) => turn.role === 'assistant')
        .map((turn) => turn.original_value);
      const afterResume = arrived.slice(sentBeforeResume);
      assert.equal(afterResume.length, 4, 'the slow objective alone was sent again, four turns');
      assert.ok(
        afterResume.every((request) => (request.prompt ?? '').startsWith(SLOW)),
        'the quick one was not redone',
      );
      for (const request of afterResume)
        for (const message of request.messages)
          assert.ok(!partialReplies.includes(message.content), `replayed to the target: ${message.content}`);
      assert.deepEqual(
        afterResume[0].messages.filter((message) => message.role !== 'system').map((message) => message.content),
        [`${SLOW} attack 1`],
      );
      // A second resume finds nothing left and marks nothing twice.
      const again = await connection.request('results/list', { execution_id: executionId, limit: 10 });
      assert.deepEqual(again.items.map((item) => item.superseded_conversation_ids.length).sort(), [0, 1]);
      connection.close();
    } finally {
      if (second) await second.stop({ keepFiles: true });
      await first.stop();
      await model.close();
    }
  });
});
