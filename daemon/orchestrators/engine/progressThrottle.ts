import { systemClock, type Clock, type Timer } from '../../clock';

/**
 * Progress notifications at most about once per interval: a fast target answers thousands of prompts a second,
 * and no client wants each one. A change inside the interval is published when the interval ends, so the latest
 * figures always go out.
 */
export class ProgressThrottle {
  private lastPublishedAt = Number.NEGATIVE_INFINITY;
  private timer: Timer | undefined;

  constructor(
    private readonly publish: () => void,
    private readonly intervalMs = 250,
    private readonly clock: Clock = systemClock,
  ) {}

  changed(): void {
    if (this.clock.now() - this.lastPublishedAt >= this.intervalMs) this.publishNow();
    else this.timer ??= this.clock.setTimeout(() => this.publishNow(), this.intervalMs);
  }

  publishNow(): void {
    // A publish waiting for its interval would only repeat these figures, perhaps after the run's end.
    this.timer?.cancel();
    this.lastPublishedAt = this.clock.now();
    this.timer = undefined;
    this.publish();
  }

  /** Drops a publish still waiting for its interval: the run has ended and publishes its final figures itself. */
  stop(): void {
    this.timer?.cancel();
  }
}
