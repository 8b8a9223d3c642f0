/** What crosses the thread boundary: one message, or every message one side queued in a turn of its event loop. */
export type Posted<M extends { type: string }> = M | { type: 'batch'; messages: readonly M[] };

/**
 * Messages per post, at most: packing and serialising an exchange's rows costs the sender's event loop ~5 µs
 * (threadWire.ts), so a burst of thousands goes as several posts, one per turn, and no turn stalls the sockets long.
 */
const MAX_BATCH = 128;

/**
 * Messages to the other thread, sent once per turn of the event loop as one batch. A postMessage per write (an
 * engine run stores thousands a second) costs more than its payload: each is serialised on its own and V8 is told
 * of its off-heap copy, and thousands in flight kept both threads in garbage collection, their writes slowed
 * tenfold. Order is kept: everything goes through the one queue.
 */
export class MessageOutbox<M extends { type: string }> {
  private queued: M[] = [];
  private scheduled = false;

  /** `post` gets every message of one turn, in order, and decides how they cross (posted(), threadWire.ts). */
  constructor(private readonly post: (messages: readonly M[]) => void) {}

  send(message: M): void {
    this.queued.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const messages = this.queued.length <= MAX_BATCH ? this.queued : this.queued.slice(0, MAX_BATCH);
    this.queued = this.queued.length <= MAX_BATCH ? [] : this.queued.slice(MAX_BATCH);
    if (messages.length > 0) this.post(messages);
    if (this.queued.length > 0) setImmediate(() => this.flush());
    else this.scheduled = false;
  }
}

/** One turn's messages as one post: a lone message as itself. */
export function posted<M extends { type: string }>(messages: readonly M[]): Posted<M> {
  return messages.length === 1 ? messages[0] : { type: 'batch', messages };
}

/** Each message of what arrived, in the order it was sent. */
export function unpack<M extends { type: string }>(posted: Posted<M>): readonly M[] {
  return posted.type === 'batch' ? (posted as { messages: readonly M[] }).messages : [posted as M];
}
