import http from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import { webSocketTransport } from '../../protocol/wsTransport';
import { SUBPROTOCOL, DAEMON_VERSION } from '../../protocol/version';
import { checkUpgrade } from './upgradeGuard';
import { ClientSession } from './clientSession';
import type { ClientRegistry } from './clientRegistry';
import type { Dispatcher } from './dispatcher';
import type { Logger } from '../log';
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

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  const statusText = http.STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  // Whatever the client pipelined after its handshake (frames, requests) is never read.
  socket.destroy();
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
  port = 0;

  constructor(private readonly options: DaemonServerOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_PAYLOAD_BYTES,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.http = http.createServer((request, response) => this.serveHttp(request, response));
    this.http.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
    this.http.on('clientError', (_error, socket) => socket.destroy());
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
    this.heartbeat = setInterval(() => this.checkHeartbeats(), this.options.heartbeatMs);
    this.heartbeat.unref();
    return this.port;
  }

  private serveHttp(request: http.IncomingMessage, response: http.ServerResponse): void {
    const hostOk =
      request.headers.host === `127.0.0.1:${this.port}` || request.headers.host === `localhost:${this.port}`;
    if (request.method === 'GET' && request.url === '/health' && hostOk && request.headers.origin === undefined) {
      // Liveness only: no user, no figures, nothing a web page could learn from.
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ status: 'ok', version: DAEMON_VERSION }));
      return;
    }
    response.writeHead(hostOk ? 404 : 403, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(hostOk ? 'Not found. JSON-RPC is served over WebSocket at /.\n' : 'Forbidden host.\n');
  }

  private upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const decision = checkUpgrade(request, this.port, this.options.secret);
    if (!decision.ok) {
      this.options.log.warn(`refused WebSocket upgrade (${decision.status}): ${decision.reason}`);
      refuse(socket, decision.status, decision.reason);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, decision.username));
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
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  /** Stop accepting, then close every client with "going away" so they know to reconnect later. */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.close(1001, 'daemon shutting down');
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    // Give polite clients a moment, then cut the rest so shutdown never hangs on a dead peer.
    const deadline = setTimeout(() => {
      for (const ws of this.wss.clients) ws.terminate();
      this.http.closeAllConnections();
    }, 1000);
    deadline.unref();
    await closed;
    clearTimeout(deadline);
    this.wss.close();
  }
}
