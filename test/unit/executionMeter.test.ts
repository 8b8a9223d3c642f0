import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../helpers/fakeClock';
import { ExecutionMeter, type ModelCall } from '../../daemon/orchestrators/usage/executionMeter';
import { meteredTarget, runMetered } from '../../daemon/orchestrators/usage/meteredTarget';
import type { PromptTarget, TargetRequest, TargetResponse } from '../../daemon/orchestrators/targets/promptTarget';
import type { Budget } from '../../protocol/schemas/usage';

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

/** A model whose answers the test releases by hand, so calls are in flight exactly when the test says. */
function heldModel(): { target: PromptTarget; signals: (AbortSignal | undefined)[]; release(): void } {
  const waiting: (() => void)[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const target: PromptTarget = {
    identifier: { __type__: 'OpenAIChatTarget', __module__: 'test', model_name: 'm' },
    async send(request: TargetRequest): Promise<TargetResponse> {
      signals.push(request.signal);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return { text: 'ok', response_error: 'none', latency_ms: 1, attempts: 1, usage: USAGE };
    },
    async dispose() {},
  };
  return { target, signals, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

function meterWith(budget: Budget | null, clock = new FakeClock()) {
  const cancel = new AbortController();
  const stop = new AbortController();
  const runSignal = AbortSignal.any([cancel.signal, stop.signal]);
  const recorded: ModelCall[] = [];
  const meter = new ExecutionMeter({
    budget,
    spent: { requests: 0, tokens: 0, costUsd: 0, durationMs: 0 },
    clock,
    runSignal,
    cancelSignal: cancel.signal,
    settingsPrice: () => undefined,
    record: async (call) => {
      recorded.push(call);
    },
    stop: () => stop.abort('budget'),
  });
  return { meter, runSignal, cancel, recorded, clock };
}

describe('execution meter and budgets (unit, fake clock)', () => {
  it('stops on max_duration_s measured on the daemon clock, before the next call starts', async () => {
    const { meter, runSignal, clock } = meterWith({ max_duration_s: 60 });
    assert.equal(meter.admit('objective_target'), true);
    await clock.advance(59_999);
    assert.equal(meter.admit('objective_target'), true);
    await clock.advance(1);
    assert.equal(meter.admit('objective_target'), false);
    assert.equal(runSignal.aborted, true, 'the run is stopped');
    assert.match(meter.exhaustion ?? '', /max_duration_s 60/);
  });

  it('lets a judge finish an answer already paid for, and refuses every other role once stopped', () => {
    const { meter } = meterWith({ max_requests: 1 });
    assert.equal(meter.admit('objective_target'), true);
    assert.equal(meter.admit('adversarial_chat'), false);
    assert.equal(meter.admit('scorer'), true);
    assert.equal(meter.admit('converter'), false);
  });

  it('lets calls in flight finish when the budget stops the run, and counts them; a cancel still aborts', async () => {
    const { meter, runSignal, recorded } = meterWith({ max_tokens: 15 });
    const model = heldModel();
    const target = meteredTarget(model.target, 'objective_target', undefined);
    const send = () => target.send({ prompt: 'p', conversation_id: 'c', signal: runSignal });
    const answers = runMetered(meter, () => Promise.all([send(), send()]));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(model.signals.length, 2);
    assert.ok(
      model.signals.every((signal) => signal !== runSignal),
      'in-flight calls do not run under the run signal',
    );
    model.release();
    await answers;
    // 30 tokens: the second call was in flight when the first reached the limit (the documented overshoot).
    await meter.flushed();
    assert.equal(recorded.length, 2);
    await assert.rejects(
      runMetered(meter, () => send()),
      { name: 'AbortError' },
    );
    assert.equal(runSignal.aborted, true);
    assert.equal(recorded.length, 2, 'a refused call is not a call');
  });

  it('without a meter a target is itself: no counting outside a run', async () => {
    const model = heldModel();
    const target = meteredTarget(model.target, 'scorer', undefined);
    const answer = target.send({ prompt: 'p', conversation_id: 'c' });
    await new Promise((resolve) => setImmediate(resolve));
    model.release();
    assert.equal((await answer).text, 'ok');
  });
});
