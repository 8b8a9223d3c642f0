import { RowPacker, unpackRows, type PackedPost, type PackedRows } from './packedRows';
import type { ToMemoryThread } from './threadMessages';

/** A message to the memory thread as it crosses: the same, with its rows placed in the post's packed tables. */
type WireMessage<M = ToMemoryThread> = M extends { rows?: unknown } ? Omit<M, 'rows'> & { rows?: PackedRows } : M;

/** One post to the memory thread: every message the main thread queued in a turn, and all their rows packed. */
export interface WirePost {
  readonly rows: PackedPost;
  readonly messages: readonly WireMessage[];
}

export function toWire(messages: readonly ToMemoryThread[]): WirePost {
  const packer = new RowPacker();
  const wire = messages.map((message): WireMessage => {
    if (!('rows' in message) || message.rows === undefined) return message as WireMessage;
    return { ...message, rows: packer.pack(message.rows) } as WireMessage;
  });
  return { rows: packer.post(), messages: wire };
}

export function fromWire(post: WirePost): ToMemoryThread[] {
  return post.messages.map((message): ToMemoryThread => {
    if (!('rows' in message) || message.rows === undefined) return message as ToMemoryThread;
    return { ...message, rows: unpackRows(message.rows, post.rows) } as ToMemoryThread;
  });
}
