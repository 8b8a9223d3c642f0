import WebSocket from 'ws';

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

export interface RpcReply {
  jsonrpc?: string;
  id?: string | number | null;
  result?: unknown;
  error?: RpcErrorBody;
  method?: string;
}

/**
 * A bare WebSocket client that sends whatever bytes it is given (text or binary frames) and reads replies in
 * order, skipping notifications. Used one request at a time, so the next reply belongs to the last frame sent.
 */
export class RawRpcClient {
  private readonly replies: RpcReply[] = [];
  private waiter: (() => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  private closeInfo: { code: number; reason: string } | undefined;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.waiter?.();
      });
    });
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = {
          error: { code: 0, message: `unparseable reply (${isBinary ? 'binary' : 'text'}): ${text.slice(0, 200)}` },
        };
      }
      const reply = parsed as RpcReply;
      // Notifications (health/changed, …) are not answers to anything we sent.
      if (typeof reply.method === 'string' && reply.id === undefined) return;
      this.replies.push(reply);
      this.waiter?.();
    });
  }

  static open(port: number, token: string, timeoutMs = 10_000): Promise<RawRpcClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/`, 'vutf.v2', {
        headers: { Authorization: `Bearer ${token}` },
        handshakeTimeout: timeoutMs,
      });
      socket.once('open', () => resolve(new RawRpcClient(socket)));
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  get closeCode(): number | undefined {
    return this.closeInfo?.code;
  }

  sendText(text: string): void {
    this.socket.send(text, { binary: false });
  }

  sendBinary(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  /** The next reply; rejects after timeoutMs or when the socket closes first. */
  async next(timeoutMs = 10_000): Promise<RpcReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.replies.shift();
      if (reply) return reply;
      if (this.closeInfo) throw new Error(`socket closed (${this.closeInfo.code}) before a reply`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        };
      });
    }
  }

  private nextId = 1_000_000;

  /** A well-formed request; returns its reply. */
  async call(method: string, params?: unknown, timeoutMs = 10_000): Promise<RpcReply> {
    const id = this.nextId++;
    this.sendText(
      JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }),
    );
    const reply = await this.next(timeoutMs);
    if (reply.id !== id) throw new Error(`reply to ${id} expected, got ${JSON.stringify(reply).slice(0, 300)}`);
    return reply;
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING)
      this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), 2000);
    return this.closed.finally(() => clearTimeout(timer));
  }
}
