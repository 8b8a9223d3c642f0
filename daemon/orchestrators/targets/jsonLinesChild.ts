import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import type { Clock } from '../../clock';
import { readCappedLines } from './cappedLines';
import type { ChatMessage } from './promptTarget';
import { OutputTail } from './outputTail';
import type { ReplyLimit } from './replyLimit';

export interface ChildLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ChildRequest {
  readonly id: string;
  readonly prompt: string;
  readonly conversation_id: string;
  readonly history?: readonly ChatMessage[];
}

/** `overlong`: the program's reply line was over max_response_bytes, and was dropped unread past it. */
export type ChildReply =
  | { readonly kind: 'response'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'overlong' };

/** The child died or could not start; `retryable` says whether a fresh child might do better. */
export class ChildProcessFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChildProcessFailure';
  }
}

interface Pending {
  resolve(reply: ChildReply): void;
  reject(error: unknown): void;
}

/**
 * After 'exit', stdout may still hold answers written just before the end; 'close' says they have been read. A
 * grandchild that inherited the pipes can keep 'close' from ever coming, so we wait for it only this long.
 */
const closeAfterExitMs = 200;

/**
 * One spawned program speaking JSON lines: `{"id","prompt",…}` in, `{"id","response"}` or `{"id","error"}` out.
 * Requests run concurrently and are matched by id, so the program may answer in any order.
 */
export class JsonLinesChild {
  private readonly pending = new Map<string, Pending>();
  private readonly output = new OutputTail();
  /** Why this child takes no more requests (it exited, could not start, or was stopped); undefined while it can. */
  private ended: ChildProcessFailure | undefined;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly launch: ChildLaunch,
    private readonly clock: Clock,
    limit: ReplyLimit,
  ) {
    this.exit = once(child, 'exit').then(
      () => undefined,
      () => undefined,
    );
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.output.append(chunk));
    // EPIPE when the child is gone: the exit handlers below report that, with the child's stderr.
    child.stdin.on('error', () => undefined);
    readCappedLines(child.stdout, limit, {
      line: (line) => this.receive(line),
      overlong: (head) => this.receiveOverlong(head),
    });
    child.on('error', (error: NodeJS.ErrnoException) => this.onError(error));
    child.on('exit', (code, signal) => {
      const ended = (this.ended ??= this.crashFailure(code, signal));
      const timer = this.clock.setTimeout(() => this.failAll(ended), closeAfterExitMs);
      timer.unref();
      child.once('close', () => {
        timer.cancel();
        this.failAll(ended);
      });
    });
  }

  static spawn(launch: ChildLaunch, clock: Clock, limit: ReplyLimit): JsonLinesChild {
    const child = spawn(launch.command, [...launch.args], { cwd: launch.cwd, env: { ...launch.env }, stdio: 'pipe' });
    return new JsonLinesChild(child, launch, clock, limit);
  }

  /** False once the child has exited, failed to start or been stopped: the target then spawns a fresh one. */
  get alive(): boolean {
    return this.ended === undefined;
  }

  /** Resolves with the child's answer; rejects with a `ChildProcessFailure`, or with `signal.reason` on abort. */
  request(request: ChildRequest, signal: AbortSignal): Promise<ChildReply> {
    return new Promise<ChildReply>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      if (this.ended) return reject(this.ended);
      const onAbort = (): void => {
        this.pending.delete(request.id);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(finish: (value: T) => void) =>
        (value: T) => {
          signal.removeEventListener('abort', onAbort);
          this.pending.delete(request.id);
          finish(value);
        };
      this.pending.set(request.id, { resolve: settle(resolve), reject: settle(reject) });
      const { history, ...line } = request;
      this.child.stdin.write(`${JSON.stringify(history && history.length > 0 ? { ...line, history } : line)}\n`);
    });
  }

  /** Closes stdin (a polite program exits on EOF), then SIGTERM, then SIGKILL if it is still there after the grace. */
  async stop(graceMs: number): Promise<void> {
    const running = this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
    this.ended ??= new ChildProcessFailure(`${this.name()} was stopped while requests were in flight.`, false);
    if (running) {
      this.child.stdin.end();
      this.child.kill('SIGTERM');
      const timer = this.clock.setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exit;
      timer.cancel();
    }
    this.failAll(this.ended);
  }

  private receive(line: string): void {
    if (line.trim() === '') return;
    const reply = parseReplyLine(line);
    const pending = reply && this.pending.get(reply.id);
    // Lines that answer nothing (a stray print, a late answer to a timed-out request) are kept for diagnostics.
    if (!reply || !pending) return this.output.append(`[stdout] ${line}\n`);
    pending.resolve(reply.reply);
  }

  /**
   * The line is gone, so its id is read from its first bytes. Written last, it cannot be: then every request in
   * flight is answered with the cut-off, as nothing says which one the line was for.
   */
  private receiveOverlong(head: string): void {
    const id = idAtStart(head);
    const named = id === undefined ? undefined : this.pending.get(id);
    const answered = id === undefined ? [...this.pending.values()] : named ? [named] : [];
    // Like any line that answers nothing (a late answer to a timed-out request), kept for diagnostics.
    if (answered.length === 0) return this.output.append(`[stdout] a line over max_response_bytes: ${head}…\n`);
    for (const pending of answered) pending.resolve({ kind: 'overlong' });
  }

  private onError(error: NodeJS.ErrnoException): void {
    // Only a failed spawn leaves no pid (and then no 'exit' event follows); other errors, such as a failed kill,
    // leave the child as it was.
    if (this.child.pid !== undefined) return;
    // ENOENT, EACCES: a fresh child would fail the same way, so no retry.
    this.ended = new ChildProcessFailure(
      `Could not start ${this.name()} in ${this.launch.cwd}: ${error.message}. Check "command" (on PATH, or a path relative to "cwd") and "cwd".`,
      false,
    );
    this.failAll(this.ended);
  }

  private crashFailure(code: number | null, signal: NodeJS.Signals | null): ChildProcessFailure {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    return new ChildProcessFailure(`${this.name()} ${how} before answering. ${this.output.describe()}`, true);
  }

  private failAll(error: ChildProcessFailure): void {
    for (const pending of [...this.pending.values()]) pending.reject(error);
  }

  private name(): string {
    return `The process target ${JSON.stringify([this.launch.command, ...this.launch.args].join(' '))}`;
  }
}

/** The id of `{"id": …` at the start of a line, as parseReplyLine would read it. */
function idAtStart(head: string): string | undefined {
  const match = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(head);
  if (match?.[1] === undefined) return undefined;
  try {
    return String(JSON.parse(match[1]));
  } catch {
    return undefined;
  }
}

function parseReplyLine(line: string): { id: string; reply: ChildReply } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.id !== 'string' && typeof fields.id !== 'number') return undefined;
  const id = String(fields.id);
  if (fields.error !== undefined && fields.error !== null) {
    return {
      id,
      reply: { kind: 'error', message: typeof fields.error === 'string' ? fields.error : JSON.stringify(fields.error) },
    };
  }
  if (typeof fields.response === 'string') return { id, reply: { kind: 'response', text: fields.response } };
  return {
    id,
    reply: {
      kind: 'error',
      message: `The program's reply has neither "response" (a string) nor "error": ${line.slice(0, 200)}`,
    },
  };
}
