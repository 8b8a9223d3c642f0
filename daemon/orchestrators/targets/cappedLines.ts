import type { Readable } from 'node:stream';
import type { ReplyRelease } from './replyBudget';
import type { ReplyLimit } from './replyLimit';

export interface LineSink {
  line(text: string): void;
  /** A line over the cap, thrown away up to its newline; `head` is its first bytes, which should name its id. */
  overlong(head: string): void;
}

/** Enough of a long line to find `"id"` in, when the program writes it first as the protocol shows it. */
const HEAD_BYTES = 256;

/**
 * Splits a child's stdout into UTF-8 lines as readline does (a final line without a newline counts, "\r\n" too),
 * but holds at most `limit.maxBytes` of one line: the rest of a longer one is dropped as it arrives. A line that
 * goes on past the chunk it started in reserves the cap in the reply budget, and the stream is paused (so the
 * program waits on its pipe) until there is room.
 */
export function readCappedLines(input: Readable, limit: ReplyLimit, sink: LineSink): void {
  let parts: Buffer[] = [];
  let size = 0;
  let head: string | undefined;
  let release: ReplyRelease | undefined;

  const endLine = (): void => {
    if (head !== undefined) sink.overlong(head);
    else sink.line(Buffer.concat(parts, size).toString('utf8').replace(/\r$/, ''));
    parts = [];
    size = 0;
    head = undefined;
    release?.();
    release = undefined;
  };

  input.on('data', (chunk: Buffer) => {
    for (let start = 0; start <= chunk.length;) {
      const newline = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, newline < 0 ? chunk.length : newline);
      if (head === undefined && size + piece.length > limit.maxBytes) {
        head = Buffer.concat([...parts, piece.subarray(0, HEAD_BYTES)])
          .subarray(0, HEAD_BYTES)
          .toString('utf8');
        parts = [];
        size = 0;
      } else if (head === undefined && piece.length > 0) {
        parts.push(piece);
        size += piece.length;
      }
      if (newline < 0) break;
      endLine();
      start = newline + 1;
    }
    if (size > 0 && release === undefined) {
      input.pause();
      limit.budget.reserve(limit.maxBytes).then(
        (granted) => {
          release = granted;
          input.resume();
        },
        () => input.resume(),
      );
    }
  });
  input.on('end', () => {
    if (size > 0 || head !== undefined) endLine();
  });
  input.on('close', () => {
    release?.();
    release = undefined;
  });
}
