import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createTarget, isAbortError, type TargetContext, type TargetTuning } from '../../daemon/orchestrators/targets';
import { retryAfterFromHeaders, retryDelayMs } from '../../daemon/orchestrators/targets/backoff';
import { TokenBucket } from '../../daemon/orchestrators/targets/tokenBucket';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { FakeClock, promiseState } from '../helpers/fakeClock';
import { settleOnFakeTime, untilOnlyWaitingOnTheClock } from './fakeTime';

const context: TargetContext = { configDir: process.cwd(), secrets: {}, env: {} };
const fast = { backoffBaseMs: 2, backoffMaxMs: 10, retryAfterMaxMs: 50 };

describe('retries against a flaky model', () => {
  // A server per test: a request a test gave up on (a timeout) may reach the server late, and must not eat the
  // next test's scripted failures or counts.
  let model: MockOpenAi;
  beforeEach(async () => {
    model = await startMockOpenAi();
  });
  afterEach(() => model.close());

  // Timeouts are kept well above what a loaded CI machine needs to answer a normal request.
  const target = (fields: Record<string, unknown> = {}, tuning: Partial<TargetTuning> = fast) =>
    createTarget(
      { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', timeout_s: 5, ...fields },
      context,
      tuning,
    );

  /** A target and the mock model on one fake clock, with a request timeout none of the tests' waits equals. */
  const requestTimeoutMs = 60_000;
  const onFakeTime = (fields: Record<string, unknown>, tuning: Partial<TargetTuning>) => {
    const clock = new FakeClock();
    model.configure({ now: () => clock.now() });
    const chat = target({ ...fields, timeout_s: requestTimeoutMs / 1000 }, { ...fast, ...tuning, clock });
    return { clock, chat };
  };
  const arrivals = () => model.requests.map((request) => [request.prompt, request.receivedAt]);

  for (const kind of ['rate_limit', 'server_error', 'timeout', 'reset'] as const) {
    it(`retries after ${kind} and then answers`, async () => {
      model.configure({ failureSequence: [kind, kind] });
      const response = await target({ timeout_s: kind === 'timeout' ? 0.5 : 5 }).send({
        prompt: kind,
        conversation_id: 'c',
      });
      assert.deepEqual([response.text, response.response_error], [`echo: ${kind}`, 'none']);
      assert.deepEqual(
        model.requests.map((request) => request.outcome),
        [kind, kind, 'ok'],
      );
      assert.equal(response.attempts, 3);
    });
  }

  it('after the last retry resolves as a stored failure, naming the cause and the attempts', async () => {
    model.configure({ failureSequence: ['server_error', 'server_error', 'server_error'] });
    const response = await target({ max_retries: 2 }).send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(response.response_error, 'unknown');
    assert.equal(response.text, '');
    assert.equal(response.attempts, 3);
    assert.match(response.error_message ?? '', /HTTP 500.*Gave up after 3 attempts/);
  });

  it('says a timeout is a timeout', async () => {
    model.configure({ failureSequence: ['timeout', 'timeout'] });
    const response = await target({ max_retries: 1, timeout_s: 0.1 }).send({ prompt: 'x', conversation_id: 'c' });
    assert.match(response.error_message ?? '', /No answer within 0\.1 s \(timeout_s\)/);
  });

  it('accounts for every prompt at a 30% failure rate: each answered or stored as a failure, none lost', async () => {
    model.configure({ failureRate: 0.3, seed: 42, latencyMs: 1 });
    // Generous timeouts: on a loaded machine a normal answer can take a while, and a client timeout on a request
    // the server did answer would count as one more failure than the server injected.
    const chat = target({ max_retries: 6, timeout_s: 2 });
    const prompts = Array.from({ length: 50 }, (_, index) => `prompt ${index}`);
    const responses = await Promise.all(
      prompts.map((prompt, index) => chat.send({ prompt, conversation_id: `c${index}` })),
    );
    assert.equal(responses.length, prompts.length);
    responses.forEach((response, index) => {
      if (response.response_error === 'none') assert.equal(response.text, `echo: prompt ${index}`);
      else
        assert.deepEqual(
          [response.response_error, response.text, typeof response.error_message],
          ['unknown', '', 'string'],
        );
    });
    const answered = responses.filter((response) => response.response_error === 'none').length;
    const attempts = responses.reduce((sum, response) => sum + response.attempts, 0);
    const failures =
      model.count('rate_limit') + model.count('server_error') + model.count('timeout') + model.count('reset');
    const reasons = responses.flatMap((response) => (response.error_message ? [response.error_message] : []));
    // A prompt is lost only if seven attempts in a row fail: 0.3^7 ≈ 0.02%.
    assert.ok(answered >= 48, `answered ${answered} of 50: ${reasons.join(' | ')}`);
    assert.ok(failures > 10, `the server injected only ${failures} failures`);
    assert.ok(attempts >= answered + failures, 'every injected failure was followed by a retry, or was a last attempt');
    assert.ok(model.count() <= attempts, 'no request reached the server that no prompt counted');
  });

  it('does not retry a 4xx other than 429', async () => {
    model.configure({ reply: () => ({ status: 404, body: { error: { message: 'The model `m` does not exist' } } }) });
    const before = model.count();
    const response = await target().send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(model.count() - before, 1);
    assert.equal(response.attempts, 1);
    assert.match(response.error_message ?? '', /HTTP 404.*model name/);
  });

  it('waits as long as Retry-After asks, within its cap', async () => {
    const { clock, chat } = onFakeTime({}, { backoffBaseMs: 1, backoffMaxMs: 1, retryAfterMaxMs: 10_000 });
    model.configure({ failureSequence: ['rate_limit'], retryAfterSeconds: 2 });
    const asked = await settleOnFakeTime(clock, chat.send({ prompt: 'asked', conversation_id: 'c' }), requestTimeoutMs);
    model.configure({ failureSequence: ['rate_limit'], retryAfterSeconds: 3600 });
    const capped = await settleOnFakeTime(
      clock,
      chat.send({ prompt: 'capped', conversation_id: 'c' }),
      requestTimeoutMs,
    );
    assert.deepEqual(arrivals(), [
      ['asked', 0],
      ['asked', 2000],
      ['capped', 2000],
      ['capped', 12_000],
    ]);
    assert.deepEqual(
      [asked, capped].map((response) => [response.attempts, response.latency_ms]),
      [
        [2, 2000],
        [2, 10_000],
      ],
    );
  });

  it('backs off between retries, doubling the ceiling up to its maximum', async () => {
    // Jitter pinned at half the ceiling: the ceilings are 100, 200, then 400 cut to the 300 maximum.
    const { clock, chat } = onFakeTime(
      { max_retries: 3 },
      { backoffBaseMs: 100, backoffMaxMs: 300, random: () => 0.5 },
    );
    model.configure({ failureSequence: ['server_error', 'server_error', 'server_error'] });
    const response = await settleOnFakeTime(clock, chat.send({ prompt: 'x', conversation_id: 'c' }), requestTimeoutMs);
    assert.deepEqual(arrivals(), [
      ['x', 0],
      ['x', 50],
      ['x', 150],
      ['x', 300],
    ]);
    assert.deepEqual([response.response_error, response.attempts, response.latency_ms], ['none', 4, 300]);
  });

  it('keeps to max_requests_per_minute, retries included, serving waiters in arrival order', async () => {
    // No backoff, so the 429's retry goes straight to the back of the rate limiter's queue.
    const { clock, chat } = onFakeTime({ max_requests_per_minute: 1200 }, { random: () => 0 }); // one per 50 ms
    model.configure({ failureSequence: ['rate_limit'] });
    const sends = Array.from({ length: 5 }, (_, index) =>
      chat.send({ prompt: `p${index}`, conversation_id: `c${index}` }),
    );
    const responses = await settleOnFakeTime(clock, Promise.all(sends), requestTimeoutMs);
    assert.deepEqual(arrivals(), [
      ['p0', 0],
      ['p1', 50],
      ['p2', 100],
      ['p3', 150],
      ['p4', 200],
      ['p0', 250],
    ]);
    assert.ok(responses.every((response) => response.response_error === 'none'));
    assert.deepEqual(
      responses.map((response) => response.latency_ms),
      [250, 50, 100, 150, 200],
      'the wait for a token counts in latency_ms',
    );
  });

  it('rejects with an AbortError when cancelled mid-request, and stops retrying', async () => {
    model.configure({ latencyMs: 500 });
    const controller = new AbortController();
    const pending = target({ timeout_s: 5 }).send({ prompt: 'x', conversation_id: 'c', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (error: unknown) => isAbortError(error));
  });

  it('rejects at once when cancelled before sending, and during a backoff', async () => {
    const cancelled = AbortSignal.abort();
    await assert.rejects(target().send({ prompt: 'x', conversation_id: 'c', signal: cancelled }), (error: unknown) =>
      isAbortError(error),
    );
    const { clock, chat } = onFakeTime({}, { backoffBaseMs: 10_000, backoffMaxMs: 10_000, random: () => 0.5 });
    model.configure({ failureSequence: ['server_error'] });
    const controller = new AbortController();
    const pending = chat.send({ prompt: 'x', conversation_id: 'c', signal: controller.signal });
    await untilOnlyWaitingOnTheClock(clock, requestTimeoutMs);
    assert.deepEqual(clock.pending, [{ dueAt: 5000, delayMs: 5000 }], 'backing off after the 500');
    controller.abort();
    assert.equal(await promiseState(pending), 'rejected', 'without waiting out the backoff');
    await assert.rejects(pending, (error: unknown) => isAbortError(error));
    assert.equal(clock.pendingTimers, 0, 'the backoff timer is cancelled, not left to fire');
    assert.equal(model.count(), 1, 'no retry after the cancel');
  });
});

describe('backoff', () => {
  const tuning = { backoffBaseMs: 100, backoffMaxMs: 1000, retryAfterMaxMs: 5000, random: () => 0.999 };

  it('doubles its ceiling each retry up to the maximum, with full jitter below it', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, undefined, tuning)),
      [99, 199, 399, 799, 999],
    );
    assert.equal(retryDelayMs(3, undefined, { ...tuning, random: () => 0 }), 0);
  });

  it('obeys Retry-After over its own schedule, up to the cap', () => {
    assert.equal(retryDelayMs(1, 2000, tuning), 2000);
    assert.equal(retryDelayMs(1, 3_600_000, tuning), 5000);
  });

  it('reads Retry-After as seconds or an HTTP date, and retry-after-ms', () => {
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': '3' })), 3000);
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': '0.5' })), 500);
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '120', 'retry-after': '3' })), 120);
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }), now), 10_000);
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterFromHeaders(new Headers()), undefined);
  });
});

describe('token bucket', () => {
  it('lets the burst through at once, then makes the next request wait for its token', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(1, 2, clock); // one a minute, two at once
    const [first, second, third] = [bucket.take(), bucket.take(), bucket.take()];
    assert.deepEqual(await Promise.all([first, second, third].map(promiseState)), ['resolved', 'resolved', 'pending']);
    await clock.advance(59_999);
    assert.equal(await promiseState(third), 'pending');
    await clock.advance(1);
    assert.equal(await promiseState(third), 'resolved', 'a minute later the token is there');
  });

  it('gives a cancelled reservation back to those who come after', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(60, 1, clock); // one a second
    await bucket.take();
    const controller = new AbortController();
    const cancelled = bucket.take(controller.signal);
    controller.abort();
    await assert.rejects(cancelled, (error: unknown) => isAbortError(error));
    assert.equal(clock.pendingTimers, 0, 'the cancelled wait left no timer behind');
    await clock.advance(1000);
    assert.equal(
      await promiseState(bucket.take()),
      'resolved',
      'the token due at 1 s was not held by the cancelled waiter',
    );
  });
});
