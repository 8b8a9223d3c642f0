import { z } from 'zod';
import type { PageCursor } from '../../memory';
import { RpcError } from '../../../protocol/errors';

const CursorShape = z.tuple([
  z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/),
  z.string().min(1).max(100),
]);

/** Opaque to clients (base64url JSON), so its layout can change without a protocol bump. */
export function encodeCursor(cursor: PageCursor | null): string | null {
  return cursor === null
    ? null
    : Buffer.from(JSON.stringify([cursor.started, cursor.conversationId])).toString('base64url');
}

export function decodeCursor(text: string | undefined): PageCursor | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = CursorShape.safeParse(value);
  if (!parsed.success)
    throw new RpcError(
      'InvalidParams',
      'cursor is not a next_cursor this daemon handed out; start again without one.',
      { path: '$.cursor' },
    );
  return { started: parsed.data[0], conversationId: parsed.data[1] };
}
