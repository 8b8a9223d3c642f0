/**
 * Caps how often the extension brings a crashing daemon back: a daemon that dies on every start would otherwise be
 * respawned forever, each time hiding the reason behind a fresh process. Restarts the user asked for are not
 * counted (they reset the budget instead), because the user is watching and can stop.
 */
export class RespawnBudget {
  private readonly spawns: number[] = [];

  constructor(
    private readonly maxSpawns = 5,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True (and the spawn is recorded) when one more automatic respawn fits in the window. */
  tryTake(): boolean {
    const cutoff = this.now() - this.windowMs;
    while (this.spawns.length > 0 && this.spawns[0] <= cutoff) this.spawns.shift();
    if (this.spawns.length >= this.maxSpawns) return false;
    this.spawns.push(this.now());
    return true;
  }

  get used(): number {
    return this.spawns.length;
  }

  reset(): void {
    this.spawns.length = 0;
  }
}
