import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { guarded, type Logger } from '../log';
import { refuse } from './httpRefusal';
import type { RefusalLog } from './refusalLog';

export interface ConnectionLimits {
  handshakeTimeoutMs: number;
  maxUnauthenticatedConnections: number;
  maxConnections: number;
  maxConnectionsPerUser: number;
}

export type Admission = { ok: true } | { ok: false; status: 429 | 503; reason: string };

/**
 * Bounds what connections can hold. Every descriptor the daemon holds for a socket that is not (yet) a client is
 * one a flood could take, and at the descriptor limit nothing in the daemon can open a file, so:
 * - a socket that has not completed its WebSocket upgrade within the handshake timeout is closed, however busy it
 *   keeps itself (an absolute deadline, not an idle timeout, so dribbling a byte at a time does not extend it);
 * - at most `maxUnauthenticatedConnections` wait for their handshake at once. A newcomer closes the oldest rather
 *   than being turned away: otherwise a handful of idle sockets, renewed every timeout, would keep every real
 *   client out, while a real client's handshake (a millisecond) is never the oldest for long;
 * - authenticated clients are capped in all and per user, refused at the upgrade, before any JSON-RPC.
 */
export class ConnectionGuard {
  /** Sockets before their handshake, oldest first (a Map iterates in insertion order), with their deadline. */
  private readonly waiting = new Map<Duplex, NodeJS.Timeout>();
  private readonly perUser = new Map<string, number>();
  private clients = 0;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
    private readonly refusals: RefusalLog,
  ) {}

  /** Every new TCP connection (the server's `connection` event). */
  opened(socket: Socket): void {
    if (this.waiting.size >= this.limits.maxUnauthenticatedConnections) this.closeOldestWaiting();
    const timer = setTimeout(
      guarded(this.log, 'the handshake timeout', () => this.timedOut(socket)),
      this.limits.handshakeTimeoutMs,
    );
    timer.unref();
    this.waiting.set(socket, timer);
    socket.once('close', () => this.stopWaiting(socket));
  }

  /** Whether one more client of `username` may connect: asked once its token is verified, before ws takes over. */
  admit(username: string): Admission {
    const { maxConnections, maxConnectionsPerUser } = this.limits;
    if (this.clients >= maxConnections)
      return this.refused(
        'total',
        503,
        `The daemon serves at most ${maxConnections} clients at once (VUTF_MAX_CONNECTIONS); try again when one has left.`,
      );
    if ((this.perUser.get(username) ?? 0) >= maxConnectionsPerUser)
      return this.refused(
        'per-user',
        429,
        `User ${username} already has ${maxConnectionsPerUser} connections, the most one user may have (VUTF_MAX_CONNECTIONS_PER_USER); close one first.`,
      );
    return { ok: true };
  }

  /** The upgrade went through: the socket is a client of `username` now, counted until it closes. */
  authenticated(socket: Duplex, username: string): void {
    this.stopWaiting(socket);
    this.clients += 1;
    this.perUser.set(username, (this.perUser.get(username) ?? 0) + 1);
    socket.once('close', () => {
      this.clients -= 1;
      const left = (this.perUser.get(username) ?? 1) - 1;
      if (left > 0) this.perUser.set(username, left);
      else this.perUser.delete(username);
    });
  }

  /** The daemon is stopping: no deadline may fire into a closed server. */
  close(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  private refused(kind: 'total' | 'per-user', status: 429 | 503, reason: string): Admission {
    this.refusals.note(kind, status, reason);
    return { ok: false, status, reason };
  }

  private stopWaiting(socket: Duplex): void {
    const timer = this.waiting.get(socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.waiting.delete(socket);
  }

  private closeOldestWaiting(): void {
    const oldest = this.waiting.keys().next();
    if (oldest.done) return;
    const max = this.limits.maxUnauthenticatedConnections;
    const reason = `Too many connections are waiting to authenticate (at most ${max}, VUTF_MAX_UNAUTHENTICATED_CONNECTIONS); this one waited longest and was closed to make room. Connect again and send the handshake at once.`;
    this.stopWaiting(oldest.value);
    this.refusals.note('unauthenticated', 503, reason);
    this.closeWith(oldest.value, 503, reason);
  }

  private timedOut(socket: Socket): void {
    this.stopWaiting(socket);
    const seconds = this.limits.handshakeTimeoutMs / 1000;
    const reason = `No completed handshake within ${seconds} s (VUTF_HANDSHAKE_TIMEOUT_S); connect again and send it at once.`;
    this.refusals.note('timeout', 408, reason);
    this.closeWith(socket, 408, reason);
  }

  /**
   * A status only where no answer was started: a keep-alive socket that already got its /health reply would read
   * a second one as the answer to a request it has not sent, so it is just closed.
   */
  private closeWith(socket: Duplex, status: number, reason: string): void {
    const answered = 'bytesWritten' in socket && socket.bytesWritten !== 0;
    if (answered) socket.destroy();
    else refuse(socket, status, reason);
  }
}
