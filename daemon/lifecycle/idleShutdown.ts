/**
 * Ends the daemon after `idleMinutes` with no client and nothing running, so a daemon spawned by an editor that
 * has since closed does not linger for days. 0 disables it.
 */
export class IdleShutdown {
  private timer: NodeJS.Timeout | undefined;
  private idleSince: number | undefined;

  constructor(
    private readonly idleMinutes: number,
    private readonly isBusy: () => boolean,
    private readonly onIdle: () => void,
    /** Where a throw in a check goes instead of out of the timer, which would end the daemon. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.idleMinutes <= 0) return;
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
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
