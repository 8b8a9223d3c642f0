import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';
import { allResults } from '../faults/faultKit';

/**
 * A hostile model against the regex scorer (issue 13, item 2). `(a+)+$` over a long run of "a" that ends in "!"
 * takes a backtracking engine exponential time, on the daemon's only thread: every user's requests froze. The
 * model answers the first prompt with that text and holds the second until the test lets it go, so the run is
 * still going however the scoring went.
 */
const CATASTROPHIC = '(a+)+$';
const ADVERSARIAL_ANSWER = `${'a'.repeat(40_000)}!`;
/** Far longer than a health/get takes on a busy machine, far shorter than a backtracking scorer would need. */
const HEALTH_BOUND_MS = 20_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was not answered within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

describe('ReDoS: a catastrophic pattern against a hostile answer (real daemon)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let alice: DaemonConnection;
  let bob: DaemonConnection;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));

  before(async () => {
    model = await startMockOpenAi({
      reply: async (request) => {
        if (request.index === 0) return ADVERSARIAL_ANSWER;
        await held;
        return 'a harmless answer';
      },
    });
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
    bob = await daemon.connect('bob');
  });
  after(async () => {
    release();
    alice.close();
    bob.close();
    // A daemon stuck in a backtracking scorer cannot run its SIGTERM handler; stop() falls back to SIGKILL.
    await daemon.stop();
    await model.close();
  });

  it("answers another user's health/get while the run scores the answer", { timeout: 120_000 }, async () => {
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'redos',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'hostile', max_retries: 0 },
        // One worker: the second prompt is sent only once the first answer has been scored.
        batch_size: 1,
        scorers: [{ type: 'regex', pattern: CATASTROPHIC }],
      },
    });
    const { execution_id: executionId } = await alice.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: ['first', 'second'] },
    });
    await waitFor('the hostile answer to go out', () => model.count('ok') >= 1);

    // Until the second prompt reaches the model, the first answer is being read or scored: each health/get sent
    // in that time must come back. A backtracking scorer never lets the second prompt out, so this loop ends in
    // a health/get that stays unanswered.
    let answered = 0;
    do {
      const health = await within(bob.request('health/get'), HEALTH_BOUND_MS, "bob's health/get");
      assert.equal(health.status, 'healthy');
      answered += 1;
    } while (model.count() < 2);
    assert.ok(answered >= 1);

    // The answers came while the run was going: its second prompt is still held by the model.
    const during = await bob.request('health/get');
    assert.equal(during.status, 'healthy');
    assert.equal((await alice.request('executions/get', { execution_id: executionId })).status, 'running');

    release();
    const ended = await waitFor('the run to end', async () => {
      const execution = await alice.request('executions/get', { execution_id: executionId });
      return execution.status === 'running' ? undefined : execution;
    });
    assert.equal(ended.status, 'completed');
    const { items } = await allResults(alice, executionId);
    const first = items.find((item) => item.prompt_index === 0);
    assert.equal(first?.response?.converted_value, ADVERSARIAL_ANSWER);
    assert.deepEqual(
      first?.scores.map((score) => [score.score_value, score.score_rationale]),
      [['False', `No part of the response matches /${CATASTROPHIC}/.`]],
    );
  });
});
