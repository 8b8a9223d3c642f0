import type { DatabaseState } from '../databaseManager';
import type { LogLevel } from '../databaseOpener';
import type { ExportFormat } from '../resultExport';
import type { JsonRow } from '../rowValues';
import type { ReadOperationName } from '../readOperations';
import type { SqlValue } from '../sqlSession';
import type { RowsByTable } from '../tableRows';

/** What the main thread gives the memory thread at its start: the manager's options that are plain data. */
export interface MemoryThreadOptions {
  connectTimeoutMs: number;
  maxRetries: number;
  idleCloseMs: number;
  maxBatchRows?: number;
  maxReaders?: number;
  duckdbOptions?: Readonly<Record<string, string>>;
}

/** An error as it crosses the thread boundary (structured clone keeps neither an Error's class nor its fields). */
export interface ThreadError {
  /** The class name, for a DomainError: rebuilt as that class on the other side. */
  name: string;
  message: string;
  kind?: string;
  data?: Readonly<Record<string, unknown>>;
}

/** A whole file operation that only DuckDB does, run in the memory thread on a reader connection. */
export type FileOperation =
  | { op: 'copyResults'; executionId: string; format: ExportFormat; file: string }
  | { op: 'exportPyrit'; executionIds: readonly string[]; file: string };

/** Main thread → memory thread. `id` names the call its answer goes to. */
export type ToMemoryThread =
  | { type: 'query'; id: number; dbPath: string; sql: string; params?: readonly SqlValue[] }
  | { type: 'operation'; id: number; dbPath: string; name: ReadOperationName; args: readonly unknown[] }
  | { type: 'write'; id: number; dbPath: string; rows: RowsByTable }
  | { type: 'transaction'; id: number; dbPath: string; rows?: RowsByTable }
  | { type: 'open'; id: number; dbPath: string }
  | { type: 'file'; id: number; dbPath: string; operation: FileOperation }
  | { type: 'clearCache'; id: number; dbPaths?: readonly string[] }
  | { type: 'closeAll'; id: number }
  // Inside a transaction job whose apply() runs on the main thread: its calls, then how it ended.
  | { type: 'txAppend'; id: number; attempt: number; rows: RowsByTable }
  | {
      type: 'txCall';
      id: number;
      attempt: number;
      call: number;
      kind: 'run' | 'query';
      sql: string;
      params?: readonly SqlValue[];
    }
  | { type: 'txApplied'; id: number; attempt: number }
  | { type: 'txFailed'; id: number; attempt: number; error: ThreadError; call?: number };

/** What the memory thread knows of one file, pushed whenever it changes (stats() is synchronous on the main thread). */
export interface FileSnapshot {
  state: DatabaseState;
  last_error: string | null;
  active_connections: number;
}

/** Memory thread → main thread. */
export type FromMemoryThread =
  | { type: 'ready'; threadId: number }
  // A named read's answer is whatever that read returns (plain data, Maps): structured clone carries it.
  | { type: 'result'; id: number; value?: unknown }
  | { type: 'error'; id: number; error: ThreadError }
  | { type: 'apply'; id: number; attempt: number }
  | { type: 'txResult'; id: number; attempt: number; call: number; rows?: JsonRow[] }
  | { type: 'txError'; id: number; attempt: number; call: number; error: ThreadError }
  | {
      type: 'file';
      dbPath: string;
      snapshot: FileSnapshot;
      /** The manager said the state or last error changed (health/changed follows), not only a connection count. */
      changed: boolean;
      openFiles: number;
      connections: number;
      duckdbLoaded: boolean;
    }
  | { type: 'log'; level: LogLevel; message: string };
