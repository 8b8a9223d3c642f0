/**
 * What went wrong, in terms of what the memory layer and the person must do about it. DuckDB reports
 * everything as an `Error` whose message starts with its error class ("IO Error: …"), so the message is all
 * there is to go on; the patterns below are the messages DuckDB 1.x actually prints (see the tests).
 */
export type FailureKind =
  /** Another process holds the file's lock: retry later or close that process. */
  | 'locked'
  /** DuckDB hit a fatal error and refuses to touch the instance again: drop it and reopen. */
  | 'invalidated'
  /** The write-ahead log cannot be replayed: quarantine copies, never delete, let a person decide. */
  | 'wal_replay'
  /** The file is there but DuckDB does not recognise it as a database: quarantine copies, as for a bad log. */
  | 'not_database'
  /** Opening took longer than the configured timeout. */
  | 'timeout'
  /** The rows themselves are at fault (duplicate key, missing referenced piece, bad value): only their writer fails. */
  | 'data'
  /** The disk or the file system refused (full disk, permissions, a directory where a file should be). */
  | 'io'
  | 'other';
import { DiskFullError } from './diskSpace';
import { DatabaseLockedError, DatabaseUnavailableError, DomainError, MemoryFailureError } from '../../domain/errors';

export interface ClassifiedFailure {
  kind: FailureKind;
  error: DomainError;
}

// "Could not set lock on file "/x.db": Conflicting lock is held in /usr/bin/node (PID 3271). See also …"
const LOCK_PATTERN = /Could not set lock on file[^:]*:\s*Conflicting lock is held in (.*?) \(PID (\d+)\)/;
const INVALIDATED_PATTERN = /database has been invalidated|FATAL Error/i;
// "IO Error: Failure while replaying WAL file "/x.db.wal": Corrupt WAL file: entry at byte position …"
const WAL_REPLAY_PATTERN = /Failure while replaying WAL|Corrupt WAL file|replaying WAL/i;
// "IO Error: The file "/x.db" exists, but it is not a valid DuckDB database file!"
const NOT_DATABASE_PATTERN = /is not a valid DuckDB database file/i;
const DATA_PATTERN =
  /^(Constraint Error|Conversion Error|Invalid Input Error)|violates|Failed to append|Failed to cast|Duplicate key/i;
const DUPLICATE_PATTERN = /Duplicate key|violates (primary key|unique) constraint/i;
const IO_PATTERN =
  /^IO Error|Permission denied|No space left|File too large|Failed to commit|Cannot open file|Could not write/i;

export class OpenTimeoutError extends Error {
  constructor(
    readonly dbPath: string,
    readonly timeoutMs: number,
  ) {
    super(`Opening ${dbPath} did not finish within ${timeoutMs} ms`);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The PID and program holding a DuckDB file lock, from DuckDB's own message. */
export function parseLockHolder(message: string): { pid: number; holder: string } | null {
  const match = LOCK_PATTERN.exec(message);
  if (match === null) return null;
  return { holder: match[1], pid: Number(match[2]) };
}

export function classifyDuckDBError(error: unknown, dbPath: string): ClassifiedFailure {
  if (error instanceof DomainError) {
    const kind: FailureKind = error.kind === 'DatabaseLocked' ? 'locked' : 'other';
    return { kind, error };
  }
  if (error instanceof OpenTimeoutError) {
    return {
      kind: 'timeout',
      error: new DatabaseUnavailableError(
        `Opening ${dbPath} took longer than ${error.timeoutMs} ms (a large write-ahead log is replayed on open). Try again, or raise DB_CONNECTION_TIMEOUT.`,
        { path: dbPath, reason: 'timeout', timeout_ms: error.timeoutMs },
      ),
    };
  }
  if (error instanceof DiskFullError) {
    return {
      kind: 'io',
      error: new DatabaseUnavailableError(`${error.message}. Free some disk space and try again.`, {
        path: dbPath,
        reason: 'disk_full',
        free_bytes: error.freeBytes,
        needed_bytes: error.neededBytes,
      }),
    };
  }
  const message = messageOf(error);
  const lock = parseLockHolder(message);
  if (lock !== null) {
    return {
      kind: 'locked',
      error: new DatabaseLockedError(
        `${dbPath} is locked by another process: PID ${lock.pid} (${lock.holder}). Close that program (a DuckDB CLI, a notebook or a PyRIT script using this file) and try again.`,
        { path: dbPath, pid: lock.pid, holder: lock.holder },
      ),
    };
  }
  if (WAL_REPLAY_PATTERN.test(message)) {
    return {
      kind: 'wal_replay',
      error: new DatabaseUnavailableError(`The write-ahead log of ${dbPath} cannot be replayed: ${message}`, {
        path: dbPath,
        reason: 'wal_replay_failed',
        duckdb_message: message,
      }),
    };
  }
  if (NOT_DATABASE_PATTERN.test(message)) {
    return {
      kind: 'not_database',
      error: new DatabaseUnavailableError(`${dbPath} is not a DuckDB database DuckDB can open: ${firstLine(message)}`, {
        path: dbPath,
        reason: 'not_a_database',
        duckdb_message: message,
      }),
    };
  }
  if (INVALIDATED_PATTERN.test(message)) {
    return {
      kind: 'invalidated',
      error: new DatabaseUnavailableError(
        `DuckDB stopped using ${dbPath} after a fatal error; it is reopened on the next request. If this repeats, check free disk space, file size limits and permissions. (${firstLine(message)})`,
        { path: dbPath, reason: 'invalidated', duckdb_message: message },
      ),
    };
  }
  if (DATA_PATTERN.test(message)) {
    const duplicate = DUPLICATE_PATTERN.test(message);
    return {
      kind: 'data',
      error: new DomainError(
        duplicate ? 'Conflict' : 'InvalidParams',
        duplicate
          ? `A record with this id is already stored in ${dbPath}: ${message}`
          : `The record could not be stored in ${dbPath}: ${message}`,
        { path: dbPath, reason: duplicate ? 'duplicate' : 'invalid_record', duckdb_message: message },
      ),
    };
  }
  if (IO_PATTERN.test(message)) {
    return {
      kind: 'io',
      error: new DatabaseUnavailableError(
        `DuckDB could not read or write ${dbPath}: ${message}. Check free disk space, file size limits and permissions.`,
        { path: dbPath, reason: 'io', duckdb_message: message },
      ),
    };
  }
  return {
    kind: 'other',
    error: new MemoryFailureError(`Memory file ${dbPath}: ${message}`, { path: dbPath, duckdb_message: message }),
  };
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}
