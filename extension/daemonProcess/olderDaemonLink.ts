import WebSocket from 'ws';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { DaemonError, DaemonRefused } from '../../client/daemonConnection';
import { ErrorCode } from '../../protocol/errors';
import { webSocketTransport } from '../../protocol/wsTransport';

/**
 * A daemon of an older protocol major refuses this extension at the handshake (our subprotocol, HTTP 400 naming
 * its own) or at `initialize` (ProtocolVersionMismatch with its version in the data). Its major, read from either;
 * undefined for any other error.
 */
export function refusedMajor(error: unknown): number | undefined {
  if (error instanceof DaemonRefused && error.status === 400) {
    const named = /subprotocol vutf\.v(\d+)/.exec(error.message);
    return named ? Number(named[1]) : undefined;
  }
  if (error instanceof DaemonError && error.code === ErrorCode.ProtocolVersionMismatch) {
    const version = (error.data as { daemon_protocol_version?: unknown } | null | undefined)?.daemon_protocol_version;
    const major = typeof version === 'string' ? Number(version.split('.')[0]) : NaN;
    return Number.isInteger(major) ? major : undefined;
  }
  return undefined;
}

export interface RunningExecution {
  execution_id: string;
  orchestrator_name: string;
}

export interface OlderDaemonLinkOptions {
  port: number;
  token: string;
  major: number;
  client: { name: string; version: string };
  timeoutMs: number;
}

/**
 * The two things this extension asks of a daemon of an older major before it replaces it: what is running, and to
 * shut down (its runs become interrupted, resumable by the new daemon). client/daemonConnection speaks only the
 * current protocol, so this link speaks the old one's subprotocol (`vutf.v<major>`) and initialize, and types
 * nothing of its answers beyond what it reads: they are checked by hand.
 */
export class OlderDaemonLink {
  private constructor(
    private readonly socket: WebSocket,
    private readonly connection: MessageConnection,
  ) {}

  static async open(options: OlderDaemonLinkOptions): Promise<OlderDaemonLink> {
    const socket = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${options.port}/`, `vutf.v${options.major}`, {
        headers: { Authorization: `Bearer ${options.token}` },
        handshakeTimeout: options.timeoutMs,
      });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_request, response) =>
        reject(new DaemonRefused(response.statusCode ?? 0, 'the older daemon refused its own subprotocol')),
      );
      ws.once('error', reject);
    });
    const { reader, writer } = webSocketTransport(socket, false);
    const connection = createMessageConnection(reader, writer);
    connection.listen();
    const link = new OlderDaemonLink(socket, connection);
    try {
      await link.call('initialize', { protocol_version: `${options.major}.0`, client: options.client });
    } catch (error) {
      link.close();
      throw error;
    }
    return link;
  }

  /** The older daemon's running executions (every protocol so far lists them with `status: "running"`). */
  async runningExecutions(): Promise<RunningExecution[]> {
    const answer = (await this.call('executions/list', { status: 'running', limit: 1000 })) as {
      executions?: unknown;
    } | null;
    const executions = Array.isArray(answer?.executions) ? (answer.executions as unknown[]) : [];
    return executions.flatMap((entry) => {
      const execution = entry as { execution_id?: unknown; orchestrator_name?: unknown; status?: unknown } | null;
      if (typeof execution?.execution_id !== 'string' || execution.status !== 'running') return [];
      const name = typeof execution.orchestrator_name === 'string' ? execution.orchestrator_name : 'an orchestrator';
      return [{ execution_id: execution.execution_id, orchestrator_name: name }];
    });
  }

  /** Asks it to stop gracefully: it marks its running executions interrupted, then exits. */
  async shutdown(): Promise<void> {
    await this.call('daemon/shutdown');
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.connection.dispose();
    this.socket.close(1000);
  }

  private async call(method: string, params?: object): Promise<unknown> {
    try {
      return await (params === undefined
        ? this.connection.sendRequest(method)
        : this.connection.sendRequest(method, params));
    } catch (error) {
      const failure = error as { code?: unknown; message?: unknown; data?: unknown };
      if (typeof failure.code === 'number')
        throw new DaemonError(failure.code, String(failure.message ?? 'request failed'), failure.data);
      throw error;
    }
  }
}
