import net from 'node:net';
import { randomBytes } from 'node:crypto';

/** A masked client text frame, built by hand so it can be pipelined right behind a handshake. */
export function clientTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}

export interface RawUpgradeResult {
  status: number;
  response: string;
}

/**
 * Sends a WebSocket upgrade with exactly the headers given (nothing added), optionally followed at once by a
 * JSON-RPC frame — what an attacker would do to sneak a call in before the server decides.
 */
export function rawUpgrade(
  port: number,
  headers: Record<string, string>,
  pipelined?: string,
  target = '/',
): Promise<RawUpgradeResult> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to the upgrade; got so far: ${response}`));
    }, 5000);
    socket.on('connect', () => {
      const lines = [
        `GET ${target} HTTP/1.1`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        '',
        '',
      ];
      const request = Buffer.from(lines.join('\r\n'));
      socket.write(pipelined ? Buffer.concat([request, clientTextFrame(pipelined)]) : request);
    });
    let done = false;
    socket.on('data', (chunk) => {
      response += chunk.toString('latin1');
      // An accepted upgrade stays open; its headers are all we need.
      if (response.startsWith('HTTP/1.1 101') && response.includes('\r\n\r\n')) {
        finish();
        socket.destroy();
      }
    });
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
      resolve({ status, response });
    };
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error) => {
      if (response) finish();
      else {
        clearTimeout(timer);
        reject(error);
      }
    });
  });
}

export function upgradeHeaders(
  port: number,
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  const base: Record<string, string | undefined> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Protocol': 'vutf.v2',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface RawExchangeResult {
  /** The HTTP status the server answered with; 0 when it closed without one (a bare refusal). */
  status: number;
  response: string;
}

/**
 * Writes `request` byte for byte on a fresh TCP connection and half-closes it, so a server still waiting for more
 * (a body, the end of the headers) sees the end at once; resolves with whatever came back once the server closes.
 * A reset is an answer too (a refusal may be a bare close). Rejects only if the server neither answers nor closes.
 */
export function rawExchange(port: number, request: Buffer, timeoutMs = 10_000): Promise<RawExchangeResult> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`the server neither answered nor closed; got so far: ${Buffer.concat(chunks).toString('latin1')}`),
      );
    }, timeoutMs);
    socket.on('connect', () => socket.end(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const response = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1] ?? 0), response });
    });
  });
}

/**
 * A TCP connection to the daemon that sends only what it is told to (often nothing: an idle or dribbling attacker)
 * and records what the server answered before it closed the connection, if it ever does.
 */
export class RawSocket {
  private readonly chunks: Buffer[] = [];
  private isClosed = false;
  /** Resolves with everything the server sent, once the connection is closed. */
  readonly closed: Promise<string>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    // A reset after the server's answer is how some refusals end; the answer is what the test reads.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        resolve(this.received);
      }),
    );
  }

  static open(port: number): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new RawSocket(socket)));
      socket.once('error', reject);
    });
  }

  get received(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }

  /** The status line's code of what the server sent, 0 if nothing (yet). */
  get status(): number {
    return Number(/^HTTP\/1\.1 (\d{3}) /.exec(this.received)?.[1] ?? 0);
  }

  get open(): boolean {
    return !this.isClosed;
  }

  write(text: string): void {
    if (!this.isClosed) this.socket.write(text, 'latin1');
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** `count` idle connections, `concurrency` connecting at a time so the listen backlog never drops a SYN. */
export async function openRawSockets(port: number, count: number, concurrency = 200): Promise<RawSocket[]> {
  const sockets: RawSocket[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, () => RawSocket.open(port));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}
