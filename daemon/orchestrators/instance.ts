/** A configuration wired up (target client, converters, scorers): what the pool holds and reuses. */
export interface OrchestratorInstance {
  /** Closes what the instance holds (HTTP agents, a `process` target's child). */
  dispose(): Promise<void> | void;
}
