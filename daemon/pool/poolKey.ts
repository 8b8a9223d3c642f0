import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** What makes two orchestrator instances interchangeable: the same user running the same config. */
export interface PoolKeyInput {
  user: string;
  orchestrator_type: string;
  parameters: unknown;
}

/**
 * sha256 (hex) of the canonical JSON of `{user, orchestrator_type, parameters}`. The user is part of the key so
 * that two users never share an instance (an instance writes to its user's own DuckDB file); the canonical form
 * makes key order irrelevant. The seed keyed entries by a fresh uuid, so nothing was ever reused.
 */
export function poolKey({ user, orchestrator_type, parameters }: PoolKeyInput): string {
  return createHash('sha256').update(canonicalJson({ user, orchestrator_type, parameters })).digest('hex');
}
