import WebSocket from 'ws';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type DataCallback,
  Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import { ErrorCode } from './errors';

/**
 * vscode-jsonrpc speaks to streams with Content-Length headers; over WebSocket each text frame is already one
 * message, so these adapters only parse and serialize. What the library would silently drop (bad JSON, batches,
 * non-JSON-RPC objects) is answered here with a JSON-RPC error, so every client learns what it did wrong.
 */
class WebSocketMessageReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly socket: WebSocket,
    private readonly answerInvalid: boolean,
  ) {
    super();
    socket.on('close', () => this.fireClose());
    socket.on('error', (error) => this.fireError(error));
  }

  listen(callback: DataCallback): Disposable {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
      const message = isBinary ? undefined : this.parse(data.toString());
      if (message) callback(message);
      else if (isBinary)
        this.reject(
          null,
          ErrorCode.InvalidRequest,
          'Binary frames are not accepted: send each JSON-RPC message as a UTF-8 text frame.',
        );
    };
    this.socket.on('message', onMessage);
    return Disposable.create(() => this.socket.off('message', onMessage));
  }

  private parse(text: string): Message | undefined {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.reject(null, ErrorCode.ParseError, `The frame is not valid JSON (${(error as Error).message}).`);
      return undefined;
    }
    if (Array.isArray(value)) {
      this.reject(
        null,
        ErrorCode.InvalidRequest,
        'Batch requests are not supported: send one JSON-RPC message per frame.',
      );
      return undefined;
    }
    const problem = describeInvalidMessage(value);
    if (problem) {
      const id = isObject(value) && (typeof value.id === 'string' || typeof value.id === 'number') ? value.id : null;
      this.reject(id, ErrorCode.InvalidRequest, problem);
      return undefined;
    }
    return value as Message;
  }

  private reject(id: string | number | null, code: number, message: string): void {
    if (!this.answerInvalid || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeInvalidMessage(value: unknown): string | undefined {
  if (!isObject(value)) return 'A JSON-RPC message must be a JSON object.';
  if (value.jsonrpc !== '2.0') return 'The message must carry "jsonrpc": "2.0".';
  const hasId = 'id' in value;
  const idOk = typeof value.id === 'string' || typeof value.id === 'number';
  if (typeof value.method === 'string') {
    if (hasId && !idOk) return '"id" must be a string or a number.';
    if ('params' in value && !isObject(value.params) && !Array.isArray(value.params))
      return '"params" must be an object.';
    return undefined;
  }
  if ('method' in value) return '"method" must be a string.';
  if (idOk && ('result' in value || 'error' in value)) return undefined;
  return 'The message is neither a request, a notification nor a response.';
}

class WebSocketMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly socket: WebSocket) {
    super();
    socket.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    // A peer that went away cannot be written to; the connection's close event already tells everyone.
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.send(JSON.stringify(message), (error) => {
        if (error) {
          this.fireError(error, message);
          reject(error);
        } else resolve();
      });
    });
  }

  end(): void {}
}

export interface WebSocketTransport {
  reader: MessageReader;
  writer: MessageWriter;
}

/** `answerInvalid` is for the server side: a client that sends garbage gets told, a server never is. */
export function webSocketTransport(socket: WebSocket, answerInvalid: boolean): WebSocketTransport {
  return { reader: new WebSocketMessageReader(socket, answerInvalid), writer: new WebSocketMessageWriter(socket) };
}
