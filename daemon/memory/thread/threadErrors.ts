import * as domainErrors from '../../../domain/errors';
import { DomainError, type DomainErrorKind } from '../../../domain/errors';
import type { ThreadError } from './threadMessages';

/** Every DomainError class by name, so an error rebuilt on the other side of the thread is still `instanceof` it. */
const DOMAIN_CLASSES = new Map<string, typeof DomainError>(
  Object.values(domainErrors)
    .filter(
      (value): value is typeof DomainError =>
        typeof value === 'function' && (value === DomainError || value.prototype instanceof DomainError),
    )
    .map((value) => [value.name, value]),
);

export function toThreadError(error: unknown): ThreadError {
  if (error instanceof DomainError)
    return { name: error.name, message: error.message, kind: error.kind, data: cloneable(error.data) };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/**
 * The error as the code on this side expects it: a DomainError of the same class, kind and data (the handlers turn
 * it into the JSON-RPC error a person reads); anything else an Error with the same message, which is all that
 * DuckDB's errors carry (duckdbErrors.ts classifies by message).
 */
export function fromThreadError(error: ThreadError): Error {
  if (error.kind !== undefined) {
    const rebuilt = new DomainError(error.kind as DomainErrorKind, error.message, error.data);
    const domainClass = DOMAIN_CLASSES.get(error.name);
    if (domainClass !== undefined) Object.setPrototypeOf(rebuilt, domainClass.prototype);
    rebuilt.name = error.name;
    return rebuilt;
  }
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/** Error data is plain JSON by convention; anything else (a function, a class instance) is dropped, not thrown. */
function cloneable(data: DomainError['data']): ThreadError['data'] {
  if (data === undefined) return undefined;
  try {
    return structuredClone(data);
  } catch {
    try {
      return JSON.parse(JSON.stringify(data)) as ThreadError['data'];
    } catch {
      return undefined;
    }
  }
}
