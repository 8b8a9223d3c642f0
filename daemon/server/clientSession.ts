import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { HealthStatus } from '../../protocol/schemas/common';
import type { NotificationMethod, NotificationParamsOf } from '../../protocol/methods';

type WithoutSeq<T> = Omit<T, 'seq'>;

/** One authenticated WebSocket client. The user is fixed at the handshake; every request is scoped to it. */
export class ClientSession {
  initialized = false;
  clientName = '';
  clientVersion = '';
  lastHealthStatus: HealthStatus | null = null;
  private seq = 0;

  constructor(
    readonly id: number,
    readonly username: string,
    readonly dbPath: string,
    private readonly connection: MessageConnection,
  ) {}

  /** Each notification carries `seq` so a client that sees a gap (or reconnects) knows to re-fetch. */
  notify<N extends NotificationMethod>(method: N, params: WithoutSeq<NotificationParamsOf<N>>): void {
    if (!this.initialized) return;
    this.seq += 1;
    // Called from timers (progress, health) that must never throw. A connection that has closed but whose session
    // the close handler has not removed yet throws here synchronously; a write that fails later rejects. Either
    // way the close handler removes this session.
    try {
      this.connection.sendNotification(method, { seq: this.seq, ...params }).catch(() => undefined);
    } catch {
      // See above.
    }
  }
}
