// A minimal JSON-RPC client over a raw `ws` socket: what the RPC bench and the soak use, so the figure measures
// the daemon, not a client library. One pending map, ids by counter, notifications ignored.
import WebSocket from 'ws';
import { mintToken } from '../protocol/token';
import { readSecret } from '../client/secret';
import { PROTOCOL_VERSION, SUBPROTOCOL } from '../protocol/version';

export class RpcFailure extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(`${method}: ${code} ${message}`);
  }
}

interface Reply {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown };
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class RawRpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const reply = JSON.parse(data.toString()) as Reply;
      if (typeof reply.id !== 'number') return; // a notification
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) {
        waiting.reject(
          new RpcFailure(
            waiting.method,
            typeof reply.error.code === 'number' ? reply.error.code : 0,
            String(reply.error.message),
          ),
        );
      } else waiting.resolve(reply.result);
    });
    socket.on('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`socket closed during ${waiting.method}`));
      this.pending.clear();
    });
  }

  /** Opens a socket; `headers`/`protocol` as the daemon wants them, or none for the echo server. */
  static open(url: string, options: { protocol?: string; headers?: Record<string, string> } = {}): Promise<RawRpc> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.protocol === undefined ? [] : [options.protocol], {
        headers: options.headers ?? {},
        perMessageDeflate: false,
      });
      socket.once('open', () => resolve(new RawRpc(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`handshake refused: HTTP ${response.statusCode ?? 0}`)),
      );
    });
  }

  /** Opens an authenticated socket to the daemon and runs `initialize`. */
  static async daemon(port: number, stateDir: string, username: string): Promise<RawRpc> {
    const token = mintToken(readSecret(stateDir), username, 3600);
    const rpc = await RawRpc.open(`ws://127.0.0.1:${port}/`, {
      protocol: SUBPROTOCOL,
      headers: { Authorization: `Bearer ${token}` },
    });
    await rpc.call('initialize', { protocol_version: PROTOCOL_VERSION, client: { name: 'bench', version: '0' } });
    return rpc;
  }

  call(method: string, params?: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    const message = params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.socket.send(JSON.stringify(message), (error) => {
        if (error) {
          this.pending.delete(id);
          reject(error);
        }
      });
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
      setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 2000).unref();
    });
  }
}
