/** One holder's use of a pooled instance. Many leases may share one instance at once. */
export interface Lease<T> {
  readonly instance: T;
  readonly key: string;
  /** Hands the instance back. Calling it again does nothing, so `finally` blocks may call it freely. */
  release(): void;
}
