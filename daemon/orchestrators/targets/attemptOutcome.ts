import type { ResponseError, TokenUsage } from './promptTarget';

/** The attempt is over for good: an answer, a block, an empty reply, or a failure a retry would not fix. */
export interface FinalOutcome {
  readonly kind: 'final';
  readonly text: string;
  readonly response_error: Exclude<ResponseError, 'processing'>;
  readonly error_message?: string;
  /** Tokens the reply reported: a blocked answer is billed too. */
  readonly usage?: TokenUsage;
}

/** A failure worth retrying: 429, 5xx, a timeout, a dropped connection, a crashed process. */
export interface TransientOutcome {
  readonly kind: 'transient';
  readonly message: string;
  /** The server's own `Retry-After`, in milliseconds. */
  readonly retryAfterMs?: number;
}

export type AttemptOutcome = FinalOutcome | TransientOutcome;

/** An answer; no text at all is PyRIT's `empty`, which scorers and reports keep apart from a real answer. */
export function answered(text: string): FinalOutcome {
  if (text === '')
    return { kind: 'final', text: '', response_error: 'empty', error_message: 'The target answered with no text.' };
  return { kind: 'final', text, response_error: 'none' };
}

export function blocked(message: string): FinalOutcome {
  return { kind: 'final', text: '', response_error: 'blocked', error_message: message };
}

export function failed(message: string): FinalOutcome {
  return { kind: 'final', text: '', response_error: 'unknown', error_message: message };
}

export function transient(message: string, retryAfterMs?: number): TransientOutcome {
  return retryAfterMs === undefined ? { kind: 'transient', message } : { kind: 'transient', message, retryAfterMs };
}

/** A piece of a reply quoted in an error message, cut short so one huge HTML error page does not flood the DB. */
export function excerpt(text: string, maxLength = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength)}…`;
}
