import type { ReplyBudget } from './replyBudget';
import type { TargetTuning } from './targetTuning';

/** How much of one reply a target reads (its `max_response_bytes`), and the daemon's budget it reserves from. */
export interface ReplyLimit {
  readonly maxBytes: number;
  readonly budget: ReplyBudget;
}

export function replyLimitFor(spec: { readonly max_response_bytes: number }, tuning: TargetTuning): ReplyLimit {
  return { maxBytes: spec.max_response_bytes, budget: tuning.replyBudget };
}

/** "4 MiB", "1 KiB", "1.5 MiB", "3000 bytes": as a person would write the setting. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && (bytes * 10) % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The stored error of a reply that was cut off; `what` says what the target saw, e.g. "… sent more than N bytes". */
export function overLimitMessage(maxBytes: number, what: string): string {
  return (
    `The reply was over max_response_bytes (${formatBytes(maxBytes)}) and was cut off: ${what}. ` +
    'Raise max_response_bytes on the target if answers this long are expected.'
  );
}
