/** What the idle shutdown hears of the daemon's clients (the server's ClientRegistry). */
export interface ClientCount {
  readonly count: number;
  onCountChange(listener: (count: number) => void): () => void;
}

/**
 * Ends the daemon after `idleMinutes` with no client and nothing running, so a daemon spawned by an editor that
 * has since closed does not linger for days. 0 disables it.
 *
 * Given the clients, it is told when they come and go instead of asking: while one is connected (an editor keeps
 * one for as long as it is open) it sets no timer at all, and the idle period starts when the last one leaves.
 * Runs have no such signal, so with no client it still checks `isBusy` a few times per period.
 */
export class IdleShutdown {
  private timer: NodeJS.Timeout | undefined;
  private idleSince: number | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly idleMinutes: number,
    private readonly isBusy: () => boolean,
    private readonly onIdle: () => void,
    /** Where a throw in a check goes instead of out of the timer, which would end the daemon. */
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly clients?: ClientCount,
  ) {}

  start(): void {
    if (this.idleMinutes <= 0) return;
    if (this.clients !== undefined) {
      this.unsubscribe = this.clients.onCountChange((count) => {
        if (count > 0) this.pause();
        else if (this.timer === undefined) this.watch();
      });
      if (this.clients.count > 0) return;
    }
    this.watch();
  }

  /** Idle from now on, unless a check finds a run going. */
  private watch(): void {
    const idleMs = this.idleMinutes * 60_000;
    this.idleSince = Date.now();
    // Check a few times per idle period; unref'd so this timer never keeps the process alive on its own.
    this.timer = setInterval(
      () => {
        try {
          this.check(idleMs);
        } catch (error) {
          this.onError(error);
        }
      },
      Math.max(250, Math.min(60_000, idleMs / 4)),
    );
    this.timer.unref();
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.idleSince = undefined;
  }

  private check(idleMs: number): void {
    if (this.isBusy()) {
      this.idleSince = undefined;
      return;
    }
    this.idleSince ??= Date.now();
    if (Date.now() - this.idleSince >= idleMs) {
      this.stop();
      this.onIdle();
    }
  }

  stop(): void {
    this.pause();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
