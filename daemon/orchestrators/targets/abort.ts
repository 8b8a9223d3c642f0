import { setTimeout as delay } from 'node:timers/promises';

/**
 * What a cancelled send rejects with. Named "AbortError" like fetch's, so callers can test `error.name` whatever
 * produced it; the caller's abort reason is kept as `cause`.
 */
export class AbortError extends Error {
  constructor(reason?: unknown) {
    super('The send was cancelled before it finished.', { cause: reason });
    this.name = 'AbortError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}

/** Waits, or rejects with an `AbortError` as soon as the signal fires. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    throw error;
  }
}
