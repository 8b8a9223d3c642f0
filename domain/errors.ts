/**
 * Failures a caller can act on, told in the domain's words. Code outside the daemon's request path (config
 * parsing, memory, pool, engine) throws these; the daemon's dispatcher turns each into the protocol error of the
 * same name, so no domain module depends on the JSON-RPC transport.
 */
export type DomainErrorKind =
  | 'InvalidConfig'
  | 'InvalidParams'
  | 'NotFound'
  | 'Conflict'
  | 'PoolExhausted'
  | 'DatabaseLocked'
  | 'DatabaseUnavailable'
  | 'InternalError';

export type DomainErrorData = Readonly<Record<string, unknown>>;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Details for programs (a JSON path, the PID holding a lock); sent as the RPC error's `data`. */
    readonly data?: DomainErrorData,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A config, dataset or other user-written input that cannot be used as it is. */
export class InvalidConfigError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('InvalidConfig', message, data);
  }
}

/** A record or argument that breaks a rule of the memory or the engine (not a config file). */
export class InvalidInputError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('InvalidParams', message, data);
  }
}

/** Absent for this user: another user's object is reported the same way, so ids leak nothing. */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NotFound', `${what} ${JSON.stringify(id)} was not found for this user.`, { what, id });
  }
}

/** The request contradicts the current state (already running, already stored, already completed). */
export class ConflictError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('Conflict', message, data);
  }
}

export class PoolExhaustedError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('PoolExhausted', message, data);
  }
}

export class DatabaseLockedError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('DatabaseLocked', message, data);
  }
}

export class DatabaseUnavailableError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('DatabaseUnavailable', message, data);
  }
}

/** A failure of the memory file with no better name; the message carries DuckDB's own words. */
export class MemoryFailureError extends DomainError {
  constructor(message: string, data?: DomainErrorData) {
    super('InternalError', message, data);
  }
}
