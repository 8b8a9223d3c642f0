import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import { webSocketTransport } from '../../protocol/wsTransport';
import { SUBPROTOCOL } from '../../protocol/version';
import { checkUpgrade } from './upgradeGuard';
import { refuse } from './httpRefusal';
import { ConnectionGuard } from './connectionGuard';
import { RefusalLog } from './refusalLog';
import { parseErrorAnswer, serveLiveness } from './liveness';
import { ClientSession } from './clientSession';
import type { ClientRegistry } from './clientRegistry';
import type { Dispatcher } from './dispatcher';
import { guarded, type Logger } from '../log';
import { dbPathFor } from '../user/userContext';
import type { DaemonConfig } from '../config';

/** Our largest real message (a page of results) stays well under this; anything bigger is a mistake or an attack. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

export interface DaemonServerOptions {
  config: DaemonConfig;
  port: number;
  secret: Buffer;
  log: Logger;
  clients: ClientRegistry;
  dispatcher: Dispatcher;
  heartbeatMs: number;
}

/**
 * The daemon's listener: plain HTTP for the liveness probe, WebSocket for JSON-RPC. The upgrade is decided in the
 * `upgrade` handler, before ws reads a single frame, so a refused client can run nothing.
 */
export class DaemonServer {
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private heartbeat: NodeJS.Timeout | undefined;
  private nextSessionId = 1;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly refusals: RefusalLog;
  private readonly guard: ConnectionGuard;
  port = 0;

  constructor(private readonly options: DaemonServerOptions) {
    this.refusals = new RefusalLog(options.log);
    this.guard = new ConnectionGuard(options.config, options.log, this.refusals);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_PAYLOAD_BYTES,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    // Every handler below is reached by unauthenticated bytes from any local process: none of them may throw out
    // (an exception in an event handler ends the daemon), so each one catches, logs and closes the socket.
    this.http = http.createServer(
      // Node checks every listening server's sockets against headersTimeout/requestTimeout every 30 s, which wakes
      // an idle daemon for nothing: the guard already closes every socket that is not a client by its handshake
      // deadline (absolute, VUTF_HANDSHAKE_TIMEOUT_S, 10 s), and a client's upgraded socket has no request to time.
      // The longest interval a Node timer takes, rather than 0, which would mean every millisecond.
      { connectionsCheckingInterval: 2 ** 31 - 1 },
      (request, response) =>
        this.handleSafely('HTTP request', request.socket, () => serveLiveness(request, response, this.port)),
    );
    // Before Node's parser reads a byte: the handshake deadline starts, and the oldest waiting socket may go.
    this.http.on('connection', (socket: Socket) =>
      this.handleSafely('new connection', socket, () => this.guard.opened(socket)),
    );
    this.http.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node takes its own error listener off an upgraded socket; without one, a reset would be an uncaught error.
      socket.on('error', (error) => this.options.log.debug(`upgrade socket error: ${error.message}`));
      this.handleSafely('WebSocket upgrade', socket, () => this.upgrade(request, socket, head));
    });
    this.http.on('clientError', (error, socket) =>
      this.handleSafely('unparseable request', socket, () => {
        const { status, reason } = parseErrorAnswer(error);
        refuse(socket, status, reason);
      }),
    );
  }

  /** Runs one handler; a throw is logged and answered with 500 on its socket instead of ending the process. */
  private handleSafely(what: string, socket: Duplex, handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.options.log.error(`${what} failed inside the daemon: ${(error as Error).stack ?? String(error)}`);
      try {
        refuse(socket, 500, 'The daemon failed on this request; its log has details.');
      } catch {
        // refuse() destroys the socket in a finally: nothing is left to do.
      }
    }
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      // Loopback only: nothing on the network can reach the daemon, whatever the firewall says.
      this.http.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    const address = this.http.address();
    if (address === null || typeof address === 'string') throw new Error('the daemon did not get a TCP port');
    this.port = address.port;
    // After listen, the server's errors are about single connections (accept failing with EMFILE under a flood):
    // logged, never fatal. Without a listener Node would throw them.
    this.http.on('error', (error) => this.refusals.note('accept', undefined, `listener error: ${error.message}`));
    this.heartbeat = setInterval(
      guarded(this.options.log, 'the heartbeat', () => this.checkHeartbeats()),
      this.options.heartbeatMs,
    );
    this.heartbeat.unref();
    return this.port;
  }

  private upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const decision = checkUpgrade(request, this.port, this.options.secret);
    if (!decision.ok) {
      this.refusals.note('handshake', decision.status, decision.reason);
      refuse(socket, decision.status, decision.reason);
      return;
    }
    const admission = this.guard.admit(decision.username);
    if (!admission.ok) {
      refuse(socket, admission.status, admission.reason);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.guard.authenticated(socket, decision.username);
      try {
        this.accept(ws, decision.username);
      } catch (error) {
        this.options.log.error(`accepting a client failed: ${(error as Error).stack ?? String(error)}`);
        ws.terminate();
      }
    });
  }

  private accept(ws: WebSocket, username: string): void {
    const { config, clients, dispatcher, log } = this.options;
    const { reader, writer } = webSocketTransport(ws, true);
    const connection = createMessageConnection(reader, writer);
    const session = new ClientSession(
      this.nextSessionId++,
      username,
      dbPathFor(username, config.salt, config.memoryDir),
      connection,
    );
    connection.onRequest((method, params, token) => dispatcher.dispatch(session, method, params, token));
    connection.onNotification(() => {
      // Clients have nothing to tell us by notification yet ($/cancelRequest is handled by the library).
    });
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('error', (error) => log.debug(`client #${session.id} socket error: ${error.message}`));
    ws.on('close', (code) => {
      clients.remove(session);
      connection.dispose();
      log.info(`client #${session.id} (${username}) disconnected (${code})`);
    });
    clients.add(session);
    connection.listen();
    log.info(`client #${session.id} connected as ${username}`);
  }

  /** A client that stops answering pings (sleeping laptop, killed process behind a proxy) is dropped. */
  private checkHeartbeats(): void {
    for (const ws of this.wss.clients) {
      try {
        if (!this.alive.has(ws)) {
          ws.terminate();
          continue;
        }
        this.alive.delete(ws);
        ws.ping();
      } catch {
        // ping() throws on a socket that is closing under us: it is as good as dead, and the others still get theirs.
        ws.terminate();
      }
    }
  }

  /** Stop accepting, then close every client with "going away" so they know to reconnect later. */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.guard.close();
    for (const ws of this.wss.clients) ws.close(1001, 'daemon shutting down');
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    // Give polite clients a moment, then cut the rest so shutdown never hangs on a dead peer.
    const deadline = setTimeout(
      guarded(this.options.log, 'the shutdown deadline', () => {
        for (const ws of this.wss.clients) ws.terminate();
        this.http.closeAllConnections();
      }),
      1000,
    );
    deadline.unref();
    await closed;
    clearTimeout(deadline);
    this.wss.close();
  }
}
