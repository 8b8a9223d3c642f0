/**
 * Bounds on one dataset. Every prompt becomes at least two rows in the user's DuckDB file and a request to a
 * target, and a file is read whole into memory, so a wrong path to a huge file must fail fast, not stall the daemon.
 */
export interface DatasetLimits {
  maxPrompts: number;
  maxBytes: number;
}

export const datasetLimits: DatasetLimits = { maxPrompts: 100_000, maxBytes: 50 * 1024 * 1024 };
