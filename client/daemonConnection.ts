import WebSocket from 'ws';
import { createMessageConnection, Disposable, type MessageConnection, ResponseError } from 'vscode-jsonrpc/node';
import { webSocketTransport } from '../protocol/wsTransport';
import {
  notifications,
  requests,
  type NotificationMethod,
  type NotificationParamsOf,
  type RequestMethod,
  type ResultOf,
} from '../protocol/methods';
import { PROTOCOL_VERSION, SUBPROTOCOL } from '../protocol/version';
import type { z } from 'zod';
import type { DaemonLink, RequestArgs } from './daemonLink';

export interface ConnectOptions {
  port: number;
  token: string;
  client: { name: string; version: string };
  /** Bound on connect + initialize. */
  timeoutMs?: number;
  /** Check every result against the protocol module (tests turn this on to catch drift). */
  validateResults?: boolean;
}

type InitializeResult = ResultOf<'initialize'>;

/** The daemon answered the handshake with an HTTP error (bad token, wrong host, …). */
export class DaemonRefused extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(`the daemon refused the connection (HTTP ${status}): ${reason}`);
  }
}

/** A JSON-RPC error from the daemon, with its code and data for callers that switch on them. */
export class DaemonError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(message);
  }
}

function openSocket(port: number, token: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${token}` },
      handshakeTimeout: timeoutMs,
      maxPayload: 64 * 1024 * 1024,
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => reject(new DaemonRefused(response.statusCode ?? 0, body.trim() || 'no reason given')));
      response.on('error', () => reject(new DaemonRefused(response.statusCode ?? 0, 'no reason given')));
    });
    ws.once('error', (error) => reject(error));
  });
}

/**
 * A typed client for the daemon: connect → initialize → calls and notifications. No `vscode` import, so the
 * CLI, tests and the extension all use this one.
 */
export class DaemonConnection implements DaemonLink {
  private readonly handlers = new Map<NotificationMethod, Set<(params: unknown) => void>>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly connection: MessageConnection,
    private readonly validateResults: boolean,
    readonly info: InitializeResult,
  ) {
    // vscode-jsonrpc rejects its pending requests only when disposed, not when the socket closes: without this, a
    // request in flight when the daemon died waited forever (and a view's refresh queued behind it with it).
    connection.onClose(() => queueMicrotask(() => connection.dispose()));
  }

  static async connect(options: ConnectOptions): Promise<DaemonConnection> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const socket = await openSocket(options.port, options.token, timeoutMs);
    const { reader, writer } = webSocketTransport(socket, false);
    const connection = createMessageConnection(reader, writer);
    connection.listen();
    try {
      const initializing = connection.sendRequest<InitializeResult>('initialize', {
        protocol_version: PROTOCOL_VERSION,
        client: options.client,
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the daemon did not answer initialize within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      const info = await Promise.race([initializing, timeout]).finally(() => clearTimeout(timer));
      return new DaemonConnection(socket, connection, options.validateResults ?? false, info);
    } catch (error) {
      connection.dispose();
      socket.terminate();
      throw toDaemonError(error);
    }
  }

  async request<M extends RequestMethod>(method: M, ...args: RequestArgs<M>): Promise<ResultOf<M>> {
    let result: unknown;
    try {
      // vscode-jsonrpc would send an explicit `undefined` as `[null]`; no params must mean no "params" member.
      result = await (args[0] === undefined
        ? this.connection.sendRequest(method)
        : this.connection.sendRequest(method, args[0]));
    } catch (error) {
      throw toDaemonError(error);
    }
    if (this.validateResults) {
      const schema: z.ZodType = requests[method].result;
      return schema.parse(result) as ResultOf<M>;
    }
    return result as ResultOf<M>;
  }

  /** Every handler subscribed to a method gets its notifications (vscode-jsonrpc itself keeps one per method). */
  onNotification<N extends NotificationMethod>(
    method: N,
    handler: (params: NotificationParamsOf<N>) => void,
  ): Disposable {
    let handlers = this.handlers.get(method);
    if (!handlers) {
      const created = new Set<(params: unknown) => void>();
      this.handlers.set(method, (handlers = created));
      this.connection.onNotification(method, (params: unknown) => {
        const schema: z.ZodType = notifications[method].params;
        const checked = this.validateResults ? schema.parse(params) : params;
        for (const each of [...created]) each(checked);
      });
    }
    const erased = handler as (params: unknown) => void;
    handlers.add(erased);
    return Disposable.create(() => handlers.delete(erased));
  }

  onClose(handler: () => void): Disposable {
    return this.connection.onClose(handler);
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.connection.dispose();
    this.socket.close(1000);
  }
}

function toDaemonError(error: unknown): Error {
  if (error instanceof ResponseError) return new DaemonError(error.code, error.message, error.data);
  return error instanceof Error ? error : new Error(String(error));
}
