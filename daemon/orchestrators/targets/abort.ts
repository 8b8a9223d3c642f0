import type { Clock } from '../../clock';

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

/** Waits on `clock`, or rejects with an `AbortError` as soon as the signal fires. */
export async function sleep(ms: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  if (ms <= 0) return;
  await new Promise<void>((resolve, reject) => {
    const cancel = (): void => {
      timer.cancel();
      reject(new AbortError(signal?.reason));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }, ms);
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
