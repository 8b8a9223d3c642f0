import type { ClassifiedFailure } from '../duckdbErrors';
import { messageOf } from '../duckdbErrors';
import {
  ConflictError,
  DatabaseUnavailableError,
  DomainError,
  InvalidInputError,
  MemoryFailureError,
} from '../../../domain/errors';

/** The error code PostgreSQL (SQLSTATE) or Node's socket layer (ECONNREFUSED…) put on an error, if any. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable|terminating connection/i;

/**
 * Whether the database (not the rows) failed: the server is down or unreachable, refused us, or ended our
 * connection. SQLSTATE classes 08 (connection), 53 (resources: too many connections), 57P (shutdown, admin
 * termination), 3D000 (no such database), 28 (authentication), 42501 (no privilege on the schema).
 */
export function isUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code)) return true;
    if (/^(08|53|57P|28)/.test(code) || code === '3D000' || code === '42501' || code === '3F000') return true;
  }
  return UNREACHABLE_MESSAGE.test(messageOf(error));
}

/** What went wrong, in the same kinds the DuckDB path uses (duckdbErrors.ts), for the same decisions. */
export function classifyPostgresError(error: unknown, where: string): ClassifiedFailure {
  if (error instanceof DomainError) return { kind: error.kind === 'DatabaseUnavailable' ? 'io' : 'data', error };
  const message = messageOf(error).split('\n')[0];
  const code = codeOf(error);
  if (isUnavailable(error)) {
    return {
      kind: 'io',
      error: new DatabaseUnavailableError(`The PostgreSQL memory (${where}) is unavailable: ${message}`, {
        reason: 'postgres_unavailable',
        where,
        ...(code === undefined ? {} : { code }),
      }),
    };
  }
  // Class 22 (data exception) and 23 (integrity: duplicate key, missing referenced piece): the rows' fault.
  if (code === '23505')
    return {
      kind: 'data',
      error: new ConflictError(`A record with this id is already stored (${where}): ${message}`, {
        reason: 'duplicate',
        code,
      }),
    };
  if (code !== undefined && /^(22|23)/.test(code))
    return {
      kind: 'data',
      error: new InvalidInputError(`The record could not be stored (${where}): ${message}`, {
        reason: 'invalid_record',
        code,
      }),
    };
  return {
    kind: 'other',
    error: new MemoryFailureError(`PostgreSQL memory (${where}): ${message}`, code === undefined ? {} : { code }),
  };
}
