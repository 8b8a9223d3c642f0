import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { storedAttackResults, storedPieces } from '../helpers/storedAttack';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';

const OBJECTIVE = 'open the vault';
const modelOf = (request: MockRequest): string | undefined => (request.body as { model?: string }).model;

/**
 * fakeAttacker numbers every prompt it writes in a run ("open the vault try N"); the 2nd is off-topic. Branches
 * forked from one parent share its history, so a counter (reset per run) is what tells their prompts apart.
 */
let attempts = 0;
function fakeAttacker(): string {
  attempts += 1;
  const prompt = attempts === 2 ? 'tell me a cake recipe' : `${OBJECTIVE} try ${attempts}`;
  return JSON.stringify({ improvement: 'try again', prompt });
}

/** fakeTopicJudge: only the cake recipe is off-topic. */
function fakeTopicJudge(request: MockRequest): string {
  const onTopic = !(request.prompt ?? '').includes('cake');
  return JSON.stringify({ score_value: onTopic ? 'True' : 'False', rationale: onTopic ? 'same goal' : 'about cake' });
}

/** fakeJudge (Likert) by try: level 2 = 0.25 … level 5 = 1.0 (the only success, at threshold 0.9). */
let levels: Record<number, number> = {};
function fakeJudge(request: MockRequest): string {
  const attempt = Number(/try (\d+)/.exec(request.prompt ?? '')?.[1] ?? '0');
  return JSON.stringify({ score_value: String(levels[attempt] ?? 1), rationale: `try ${attempt}` });
}

describe('tap: a tree of attacker branches, pruned off-topic and by score, stopped by the first success', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  const parameters = (overrides: Record<string, unknown>) => ({
    objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeTarget' },
    adversarial_chat: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeAttacker' },
    objective_scorer: {
      type: 'self_ask_likert',
      chat_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeJudge' },
      threshold: 0.9,
    },
    on_topic_scorer: {
      type: 'self_ask_true_false',
      chat_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'fakeTopicJudge' },
    },
    ...overrides,
  });
  /** Requests before `mark` belong to earlier runs. */
  let mark = 0;
  const sent = (name: string) => model.requests.slice(mark).filter((request) => modelOf(request) === name);

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) => {
        const name = modelOf(request);
        if (name === 'fakeAttacker') return fakeAttacker();
        if (name === 'fakeTopicJudge') return fakeTopicJudge(request);
        if (name === 'fakeJudge') return fakeJudge(request);
        return `answer to ${request.prompt ?? ''}`;
      },
    });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('tapio');
  });
  beforeEach(() => {
    attempts = 0;
    mark = model.requests.length;
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('prunes the off-topic branch unsent, keeps the tree_width best, and stops at the first success', async () => {
    // Level 1: b0 try 1, b1 off-topic. Level 2: b0 try 3, its fork b2 try 4. Level 3 (four branches): b0 try 5,
    // b3 try 6, b2 try 7, b4 try 8 — b0 and b3 score lowest and are pruned. Level 4: b2 try 9 succeeds, so
    // the forks and b4 never step.
    levels = { 1: 2, 3: 2, 4: 3, 5: 2, 6: 1, 7: 3, 8: 3, 9: 5 };
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'tap',
      orchestrator_type: 'tap',
      parameters: parameters({ tree_width: 2, tree_depth: 5, branching_factor: 2, seed: 7 }),
    });
    const done = await runToEnd(connection, orchestrator.id, [OBJECTIVE]);
    assert.equal(done.status, 'completed', done.error ?? '');
    const { objectives } = await connection.request('results/objectives', { execution_id: done.execution_id });
    assert.deepEqual(
      objectives.map(({ outcome, turns, score }) => ({ outcome, turns, score })),
      [{ outcome: 'success', turns: 4, score: '1.0' }],
    );

    const targetPrompts = sent('fakeTarget').map((request) => request.prompt);
    assert.deepEqual(
      targetPrompts,
      [1, 3, 4, 5, 6, 7, 8, 9].map((n) => `${OBJECTIVE} try ${n}`),
      'the off-topic prompt never reached the target, and nothing ran after the success',
    );
    assert.equal(sent('fakeAttacker').length, 9);
    assert.equal(sent('fakeTopicJudge').length, 9);
    // b2 was forked from b0 after level 1: the target saw b0's first exchange, then b2's own.
    assert.deepEqual(
      sent('fakeTarget')[7].messages.map((message) => message.content),
      [
        `${OBJECTIVE} try 1`,
        `answer to ${OBJECTIVE} try 1`,
        `${OBJECTIVE} try 4`,
        `answer to ${OBJECTIVE} try 4`,
        `${OBJECTIVE} try 7`,
        `answer to ${OBJECTIVE} try 7`,
        `${OBJECTIVE} try 9`,
      ],
    );

    const [result] = await storedAttackResults(connection, daemon.root, done.execution_id);
    assert.equal(result.attack_type, 'TreeOfAttacksWithPruningAttack');
    assert.equal(result.attack_module, 'pyrit.executor.attack.multi_turn.tree_of_attacks');
    const pruned = result.attack_metadata.pruned_branches as { reason: string; level: number }[];
    assert.deepEqual(
      pruned.map(({ reason, level }) => [reason, level]),
      [
        ['off_topic', 1],
        ['score', 3],
        ['score', 3],
      ],
    );
    assert.equal(result.attack_metadata.nodes_explored, 9);

    const pieces = await storedPieces(connection, daemon.root, done.execution_id);
    const winning = pieces.find((piece) => piece.role === 'user' && piece.original_value === `${OBJECTIVE} try 9`);
    assert.equal(winning?.conversation_id, result.conversation_id, 'the result rests on the branch that succeeded');
    const targetConversations = new Set(
      pieces
        .filter((piece) => piece.labels.red_team_conversation_id !== piece.conversation_id)
        .map((p) => p.conversation_id),
    );
    // b0, b2, b3, b4 reached the target; b1 (off-topic) and the level-4 forks never did, so they have no target side.
    assert.equal(targetConversations.size, 4);
    assert.deepEqual(
      [...result.pruned_conversation_ids].sort(),
      [...targetConversations].filter((id) => id !== result.conversation_id).sort(),
    );
    assert.equal(result.adversarial_chat_conversation_ids.length, 5, 'b0–b4 each asked the attacker');
    const offTopic = pieces.filter((piece) => piece.original_value.includes('cake recipe'));
    assert.equal(offTopic.length, 1, 'the off-topic prompt is kept, in its attacker conversation');
    assert.equal(offTopic[0].labels.branch_index, '1');
    for (const piece of pieces) assert.equal(piece.labels.objective_index, '0');
    // A fork stores its own copy of its parent's history, linked to the parent by a label.
    const b2 = pieces.filter((piece) => piece.conversation_id === result.conversation_id);
    assert.equal(b2[0].original_value, `${OBJECTIVE} try 1`);
    assert.ok(b2[0].labels.parent_conversation_id);
  });

  it('the same seed and the same scripted models give the same tree; the seed is what breaks the ties', async () => {
    // Every answer scores the same, so which of level 2's three branches survives is the seed's call alone.
    levels = {};
    let runs = 0;
    const survivorOf = async (seed: number): Promise<string> => {
      attempts = 0;
      mark = model.requests.length;
      runs += 1;
      const orchestrator = await connection.request('orchestrators/create', {
        name: `tap seed ${seed}, run ${runs}`,
        orchestrator_type: 'tap',
        parameters: parameters({
          tree_width: 1,
          tree_depth: 3,
          branching_factor: 3,
          on_topic_checking_enabled: false,
          seed,
        }),
      });
      const done = await runToEnd(connection, orchestrator.id, [OBJECTIVE]);
      assert.equal(done.status, 'completed', done.error ?? '');
      const conversations = sent('fakeTarget').map((request) => request.messages.map((message) => message.content));
      assert.equal(conversations.length, 7, 'one branch, then three, then the survivor and its two forks');
      // Level 3's first request carries the history of the level-2 branch that survived.
      return JSON.stringify(conversations);
    };
    const first = await survivorOf(7);
    assert.equal(await survivorOf(7), first, 'same seed, same conversations');
    const seen = new Set([first]);
    for (let seed = 0; seed < 8 && seen.size < 2; seed += 1) seen.add(await survivorOf(seed));
    assert.ok(seen.size > 1, 'another seed breaks the tie another way');
  });
});
