import type { IncomingMessage } from 'node:http';
import type { ReplyLimit } from './replyLimit';

export type CappedBody = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly over: string };

/**
 * Reads a reply's body as UTF-8, never more than `limit.maxBytes` of it. A Content-Length over the cap ends it
 * before any body is read. Otherwise it first reserves what the body may grow to (its Content-Length, else the
 * cap) in the daemon's reply budget: until then nothing is read, so the bytes wait in the socket. Rejects when the
 * connection fails or `signal` fires (the request carries the same signal).
 */
export function readCappedBody(response: IncomingMessage, limit: ReplyLimit, signal: AbortSignal): Promise<CappedBody> {
  return new Promise<CappedBody>((resolve, reject) => {
    let release: (() => void) | undefined;
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      release?.();
      finish();
    };
    const fail = (error: unknown): void => {
      settle(() => reject(error));
      response.destroy();
    };
    // Listened to at once: while the reply waits for room, the server may still reset the connection.
    response.on('error', fail);
    response.on('aborted', () =>
      fail(Object.assign(new Error('the server closed the connection mid-reply'), { code: 'ECONNRESET' })),
    );

    const header = response.headers['content-length'];
    const announced = header === undefined ? undefined : Number(header);
    if (announced !== undefined && Number.isFinite(announced) && announced > limit.maxBytes) {
      settle(() =>
        resolve({ ok: false, over: `the target announced ${announced} bytes (Content-Length), so none was read` }),
      );
      response.destroy();
      return;
    }
    const expected = announced !== undefined && Number.isFinite(announced) ? announced : limit.maxBytes;
    limit.budget.reserve(expected, signal).then((granted) => {
      if (settled) return granted();
      release = granted;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit.maxBytes) {
          settle(() => resolve({ ok: false, over: `the target sent more than ${limit.maxBytes} bytes` }));
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => settle(() => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') })));
    }, fail);
  });
}
