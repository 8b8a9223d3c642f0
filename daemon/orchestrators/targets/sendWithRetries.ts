import type { Clock } from '../../clock';
import { AbortError, sleep, throwIfCancelled } from './abort';
import { failed, type AttemptOutcome, type FinalOutcome } from './attemptOutcome';
import { retryDelayMs } from './backoff';
import type { TargetResponse } from './promptTarget';
import type { TargetTuning } from './targetTuning';
import type { RateLimiter } from './rateLimits';

export interface RetryPolicy {
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly tuning: TargetTuning;
  readonly rateLimiter?: RateLimiter;
  /** Scrubs secrets (the API key) out of every error message before it leaves the target. */
  readonly redact: (text: string) => string;
}

/** One try at the request; it must stop promptly when `signal` fires (timeout or cancel). */
export type Attempt = (signal: AbortSignal) => Promise<AttemptOutcome>;

/**
 * Runs attempts until one is final or the retries are spent, then resolves — a failure included, as a response
 * with `response_error` set — so the engine stores every prompt. Only the caller's `signal` makes it reject.
 */
export async function sendWithRetries(
  attempt: Attempt,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<TargetResponse> {
  const { clock } = policy.tuning;
  const startedAt = clock.now();
  throwIfCancelled(signal);
  for (let attempts = 1; ; attempts += 1) {
    await policy.rateLimiter?.take(signal);
    const outcome = await runAttempt(attempt, policy.timeoutMs, clock, signal);
    if (outcome.kind === 'final') return toResponse(outcome, attempts, clock.now() - startedAt, policy.redact);
    if (attempts > policy.maxRetries) {
      const tried = attempts === 1 ? '1 attempt, no retries configured' : `${attempts} attempts`;
      const cause = /[.!?]$/.test(outcome.message) ? outcome.message : `${outcome.message}.`;
      const gaveUp = failed(`${cause} Gave up after ${tried}.`);
      return toResponse(gaveUp, attempts, clock.now() - startedAt, policy.redact);
    }
    await sleep(retryDelayMs(attempts, outcome.retryAfterMs, policy.tuning), clock, signal);
  }
}

async function runAttempt(
  attempt: Attempt,
  timeoutMs: number,
  clock: Clock,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const cancel = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await attempt(controller.signal);
  } catch (error) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    if (timedOut) return { kind: 'transient', message: `No answer within ${formatSeconds(timeoutMs)} (timeout_s).` };
    return failed(`The request failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    timer.cancel();
    signal?.removeEventListener('abort', cancel);
  }
}

function toResponse(
  outcome: FinalOutcome,
  attempts: number,
  elapsedMs: number,
  redact: (text: string) => string,
): TargetResponse {
  const latency_ms = Math.round(elapsedMs);
  const base = {
    text: outcome.text,
    response_error: outcome.response_error,
    latency_ms,
    attempts,
    usage: outcome.usage ?? null,
  };
  return outcome.error_message === undefined ? base : { ...base, error_message: redact(outcome.error_message) };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
