/** Gives back what one `reserve` took; calling it again does nothing, so `finally` blocks may call it freely. */
export type ReplyRelease = () => void;

interface Waiter {
  readonly bytes: number;
  grant(): void;
}

/**
 * Bytes of model replies the daemon holds at once, over every run (VUTF_MAX_INFLIGHT_REPLY_MIB): twenty 30 MB
 * answers read at once took it to 5 GB. A reply reserves what it may grow to before its body is read, and waits
 * while there is no room — its bytes stay in the socket, and the server waits, rather than in the daemon.
 *
 * First come, first served: a big reply waiting is not overtaken by small ones, or it could wait for ever. A
 * reservation bigger than the whole budget takes the whole budget, so that it can still be read, alone.
 */
export class ReplyBudget {
  #capacity: number;
  #reserved = 0;
  readonly #waiting: Waiter[] = [];

  constructor(capacityBytes: number) {
    this.#capacity = ReplyBudget.#checked(capacityBytes);
  }

  get capacity(): number {
    return this.#capacity;
  }

  get reserved(): number {
    return this.#reserved;
  }

  /** The daemon sizes its one budget from its config at start; a reply already reserved keeps what it has. */
  resize(capacityBytes: number): void {
    this.#capacity = ReplyBudget.#checked(capacityBytes);
    this.#grantWaiting();
  }

  /** Resolves once `bytes` (at most the capacity) are set aside; rejects with `signal.reason` if it fires first. */
  reserve(bytes: number, signal?: AbortSignal): Promise<ReplyRelease> {
    const wanted = Math.min(Math.max(0, Math.ceil(bytes)), this.#capacity);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#waiting.length === 0 && this.#fits(wanted)) return Promise.resolve(this.#take(wanted));
    return new Promise<ReplyRelease>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        // The head leaving may let the next one in.
        this.#grantWaiting();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        bytes: wanted,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#take(wanted));
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #fits(bytes: number): boolean {
    return this.#reserved + bytes <= this.#capacity || this.#reserved === 0;
  }

  #take(bytes: number): ReplyRelease {
    this.#reserved += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#reserved -= bytes;
      this.#grantWaiting();
    };
  }

  #grantWaiting(): void {
    for (let head = this.#waiting[0]; head !== undefined && this.#fits(head.bytes); head = this.#waiting[0]) {
      this.#waiting.shift();
      head.grant();
    }
  }

  static #checked(capacityBytes: number): number {
    if (!(capacityBytes >= 1) || !Number.isFinite(capacityBytes)) {
      throw new RangeError(`ReplyBudget: the capacity must be at least 1 byte, got ${capacityBytes}.`);
    }
    return Math.floor(capacityBytes);
  }
}
