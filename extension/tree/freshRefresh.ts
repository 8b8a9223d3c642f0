/**
 * Runs a fetch so that every request is answered by a fetch that started after it. A request that arrives while a
 * fetch is under way does not join it (that fetch may predate what the caller just did, e.g. a launch): one more
 * fetch is queued to start when it ends, and every request made meanwhile shares that one.
 */
export class FreshRefresh {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly fetch: () => Promise<void>) {}

  request(): Promise<void> {
    if (!this.running) {
      this.running = this.start();
      return this.running;
    }
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  private startQueued(): Promise<void> {
    this.queued = undefined;
    this.running = this.start();
    return this.running;
  }

  private start(): Promise<void> {
    const run = this.fetch().finally(() => {
      // With one queued, `running` stays set until it starts, so no request slips in between and starts a third.
      if (this.running === run && !this.queued) this.running = undefined;
    });
    return run;
  }
}
