/**
 * Reconnect delays: exponential from `initialMs`, capped, with ±20 % jitter so that two windows whose daemon went
 * away together do not retry in lockstep (they would race for the start lock every time).
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 250,
    private readonly maxMs = 15_000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    const jitter = 1 + (this.random() * 0.4 - 0.2);
    return Math.round(base * jitter);
  }

  reset(): void {
    this.attempt = 0;
  }
}
