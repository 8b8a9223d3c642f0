import { z } from 'zod';
import type { ResultsCursor } from '../../memory';
import { RpcError } from '../../../protocol/errors';

const CursorShape = z.tuple([z.number().int(), z.string().max(1000), z.number().int().min(0)]);

/** Opaque to clients (base64url JSON), so its layout can change without a protocol bump. */
export function encodeCursor(cursor: ResultsCursor | null): string | null {
  return cursor === null
    ? null
    : Buffer.from(JSON.stringify([cursor.sortNumber, cursor.sortText, cursor.promptIndex])).toString('base64url');
}

export function decodeCursor(text: string | undefined): ResultsCursor | undefined {
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
  return { sortNumber: parsed.data[0], sortText: parsed.data[1], promptIndex: parsed.data[2] };
}
