import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { storedAttackResults, storedPieces } from '../helpers/storedAttack';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

const OBJECTIVE = 'describe the vault combination';

const modelOf = (request: MockRequest): string | undefined => (request.body as { model?: string }).model;

/**
 * fakeAttacker numbers its attempts within its own stream and quotes the score it was last given, so the
 * prompts show whether the judge's score came back: "attempt 2 after score 0.25".
 */
function fakeAttacker(request: MockRequest): string {
  const attempt = request.messages.filter((message) => message.role === 'user').length;
  const score = /SCORE: (\d\.\d\d)/.exec(request.prompt ?? '')?.[1] ?? 'none';
  return JSON.stringify({ improvement: 'raise the score', prompt: `attempt ${attempt} after score ${score}` });
}

/** fakeJudge (Likert) rates attempt n at level n + 1: 0.25, 0.50, 0.75 — never the 0.9 the config asks for. */
function fakeJudge(request: MockRequest): string {
  const attempt = Number(/attempt (\d+)/.exec(request.prompt ?? '')?.[1] ?? '0');
  return JSON.stringify({ score_value: String(attempt + 1), rationale: `attempt ${attempt} gets closer` });
}

describe('pair: parallel attacker streams iterate to their limit, each reading the judge’s score', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) => {
        const name = modelOf(request);
        if (name === 'fakeAttacker') return fakeAttacker(request);
        if (name === 'fakeJudge') return fakeJudge(request);
        return `The target's answer to ${request.prompt ?? ''}`;
      },
    });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('pia');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('runs n_streams × depth, feeds each score back, and stores every stream under one held result', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'pair',
      orchestrator_type: 'pair',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeTarget' },
        adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeAttacker' },
        objective_scorer: {
          type: 'self_ask_likert',
          chat_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeJudge' },
          threshold: 0.9,
        },
        n_streams: 2,
        depth: 3,
      },
    });
    const done = await runToEnd(connection, orchestrator.id, [OBJECTIVE]);
    assert.equal(done.status, 'completed', done.error ?? '');
    const { objectives } = await connection.request('results/objectives', { execution_id: done.execution_id });
    assert.deepEqual(
      objectives.map(({ outcome, turns, score }) => ({ outcome, turns, score })),
      [{ outcome: 'failure', turns: 3, score: '0.75' }],
      'held after the third iteration, resting on its best score',
    );

    const sent = (name: string) => model.requests.filter((request) => modelOf(request) === name);
    // Two streams, three iterations each, one after another: every attempt reached the target and the judge.
    assert.deepEqual(
      sent('fakeTarget').map((request) => request.prompt),
      [
        'attempt 1 after score none',
        'attempt 1 after score none',
        'attempt 2 after score 0.25',
        'attempt 2 after score 0.25',
        'attempt 3 after score 0.50',
        'attempt 3 after score 0.50',
      ],
    );
    assert.equal(sent('fakeJudge').length, 6);
    // What the attacker read: the target's output, the objective and the judge's score with its reasoning.
    const second = sent('fakeAttacker')[2].prompt ?? '';
    assert.ok(second.includes("LANGUAGE MODEL OUTPUT: The target's answer to attempt 1 after score none"));
    assert.ok(second.includes(`OBJECTIVE: ${OBJECTIVE}`));
    assert.ok(second.includes('SCORE: 0.25'));
    assert.ok(second.includes('attempt 1 gets closer'));
    // A stream is a conversation with the target: its third prompt came with the first two exchanges.
    assert.equal(sent('fakeTarget')[4].messages.length, 5);

    const [result] = await storedAttackResults(connection, daemon.root, done.execution_id);
    assert.equal(result.attack_type, 'PAIRAttack');
    assert.equal(result.adversarial_chat_conversation_ids.length, 2, 'both attacker streams are listed');
    assert.equal(result.pruned_conversation_ids.length, 1, 'the other stream’s target conversation is listed');
    assert.deepEqual(
      { n_streams: result.attack_metadata.n_streams, depth: result.attack_metadata.depth },
      { n_streams: 2, depth: 3 },
    );

    const pieces = await storedPieces(connection, daemon.root, done.execution_id);
    const conversations = new Set(pieces.map((piece) => piece.conversation_id));
    assert.deepEqual(
      [...conversations].sort(),
      [result.conversation_id, ...result.pruned_conversation_ids, ...result.adversarial_chat_conversation_ids].sort(),
      'every stored conversation is named by the one attack result',
    );
    for (const piece of pieces) {
      assert.equal(piece.labels.objective_index, '0');
      assert.equal(piece.attack_type, 'PAIRAttack');
    }
    const targetTurns = pieces.filter((piece) => piece.conversation_id === result.conversation_id);
    assert.equal(targetTurns.length, 6, 'three requests and three answers on the deciding stream');
  });
});
