import type { TargetTuning } from './targetTuning';

/**
 * Delay before retry number `retry` (1 for the first): "full jitter" — uniform between 0 and an exponentially
 * growing ceiling — which spreads out clients that failed together better than equal or no jitter (AWS
 * Architecture Blog, "Exponential Backoff and Jitter"). A server's own `Retry-After` wins, within its cap.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  tuning: Pick<TargetTuning, 'backoffBaseMs' | 'backoffMaxMs' | 'retryAfterMaxMs' | 'random'>,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), tuning.retryAfterMaxMs);
  const ceiling = Math.min(tuning.backoffMaxMs, tuning.backoffBaseMs * 2 ** (retry - 1));
  return Math.floor(tuning.random() * ceiling);
}

/**
 * Reads how long a server asked us to wait: OpenAI's `retry-after-ms`, else `Retry-After` as seconds or as an
 * HTTP date (RFC 9110 allows both). Undefined when absent or unreadable. `now` is the wall clock, not the
 * targets' `Clock`: an HTTP date only means something against the date on this machine.
 */
/** What a reply's headers are read through: fetch's `Headers`, or a view of node:http's (httpExchange.ts). */
export interface ReplyHeaders {
  get(name: string): string | null;
}

export function retryAfterFromHeaders(headers: ReplyHeaders, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
