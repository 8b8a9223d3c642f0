import type { Logger } from '../log';

/** `accept`: the listener could not take a connection at all (EMFILE at the descriptor limit). */
export type RefusalKind = 'handshake' | 'timeout' | 'unauthenticated' | 'total' | 'per-user' | 'accept';

/** Refusals logged one by one for the first few of each kind, then every thousandth. */
const LOGGED_ONE_BY_ONE = 5;
const LOGGED_EVERY = 1000;

/**
 * Counts the connections the daemon turns away, by why, and logs them — but not each one: whoever floods the
 * daemon with bad handshakes would otherwise fill the disk through daemon.log. The counts are the record.
 */
export class RefusalLog {
  readonly counts: Record<RefusalKind, number> = {
    handshake: 0,
    timeout: 0,
    unauthenticated: 0,
    total: 0,
    'per-user': 0,
    accept: 0,
  };

  constructor(private readonly log: Logger) {}

  /** `status`: the HTTP status the connection was answered with, if it got one. */
  note(kind: RefusalKind, status: number | undefined, reason: string): void {
    const count = ++this.counts[kind];
    if (count <= LOGGED_ONE_BY_ONE || count % LOGGED_EVERY === 0)
      this.log.warn(`refused a connection (${kind}${status ? `, ${status}` : ''}; ${count} so far): ${reason}`);
  }
}
