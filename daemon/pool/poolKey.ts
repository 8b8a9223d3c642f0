import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** What makes two orchestrator instances interchangeable: the same user running the same config. */
export interface PoolKeyInput {
  user: string;
  orchestrator_type: string;
  parameters: unknown;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * `<user tag>:<digest>`. The digest is sha256 (hex) of the canonical JSON of `{user, orchestrator_type, parameters}`:
 * the user is part of it so that two users never share an instance (an instance writes to its user's own DuckDB
 * file), and the canonical form makes key order irrelevant. The seed keyed entries by a fresh uuid, so nothing was
 * ever reused. The tag in front (16 hex of the user's own digest) tells the pool whose instance it is, for each
 * user's share, without putting a user name in a key that logs show.
 */
export function poolKey({ user, orchestrator_type, parameters }: PoolKeyInput): string {
  return `${sha256(`user:${user}`).slice(0, 16)}:${sha256(canonicalJson({ user, orchestrator_type, parameters }))}`;
}

/** The user tag of a `poolKey`; a key of another shape (a test's "k") is nobody's in particular: "". */
export function poolKeyUser(key: string): string {
  const at = key.indexOf(':');
  return at < 0 ? '' : key.slice(0, at);
}
