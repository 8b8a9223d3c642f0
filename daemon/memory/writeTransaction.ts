import type { OpenDatabase } from './openDatabase';
import type { JsonRow } from './rowValues';
import { toDuckDBParams, type SqlDialect, type SqlValue } from './sqlSession';
import { nextTurn, SLICE_ROWS } from './writeSlices';
import { APPEND_ORDER, ROW_APPENDERS, type AppendTable, type RowsByTable, type TableRows } from './tableRows';

/** What a write job sees: the writer connection inside the batch's one transaction. */
export interface WriteTransaction {
  readonly dialect: SqlDialect;
  /** Buffers rows for DuckDB's appender; they are flushed before the next statement and before COMMIT. */
  append<K extends AppendTable>(table: K, rows: readonly TableRows[K][]): void;
  appendRows(rows: RowsByTable): void;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Reads inside the write transaction: sees this batch's own rows, e.g. for de-duplication. */
  query(sql: string, params?: readonly SqlValue[]): Promise<JsonRow[]>;
}

/** A failure while flushing buffered rows: it cannot be pinned on the job that happened to trigger the flush. */
export class AppendFlushError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

type PendingRows = { [K in AppendTable]: (readonly TableRows[K][])[] };

function emptyPending(): PendingRows {
  return {
    PromptMemoryEntries: [],
    EmbeddingData: [],
    ScoreEntries: [],
    SeedPromptEntries: [],
    execution_pieces: [],
    AttackResultEntries: [],
    execution_attack_results: [],
    superseded_conversations: [],
    execution_model_calls: [],
    execution_budgets: [],
  };
}

export class BatchTransaction implements WriteTransaction {
  readonly dialect = 'duckdb';
  private pending = emptyPending();
  private pendingCount = 0;
  /** Rows appended since the event loop last turned, over every table (writeSlices.ts). */
  private rowsThisTurn = 0;
  /** Bytes of parameters passed to statements so far: what a rewritten row holds, at least (see diskSpace.ts). */
  statementBytes = 0;

  constructor(private readonly database: OpenDatabase) {}

  append<K extends AppendTable>(table: K, rows: readonly TableRows[K][]): void {
    if (rows.length === 0) return;
    const pending: (readonly TableRows[K][])[] = this.pending[table];
    pending.push(rows);
    this.pendingCount += rows.length;
  }

  appendRows(rows: RowsByTable): void {
    for (const table of APPEND_ORDER) appendTableRows(this, table, rows);
  }

  /**
   * Appends and flushes table by table in foreign-key order, so a score's piece is in the transaction before
   * the score's key is checked, whichever jobs they came from.
   */
  async flushAppends(): Promise<void> {
    if (this.pendingCount === 0) return;
    const pending = this.pending;
    this.pending = emptyPending();
    this.pendingCount = 0;
    try {
      for (const table of APPEND_ORDER) await this.flushTable(table, pending[table]);
    } catch (error) {
      throw new AppendFlushError(error);
    }
  }

  private async flushTable<K extends AppendTable>(table: K, chunks: (readonly TableRows[K][])[]): Promise<void> {
    if (chunks.length === 0) return;
    const appender = await this.database.appender(table);
    const appendRow = ROW_APPENDERS[table];
    for (const rows of chunks) {
      for (const row of rows) {
        appendRow(appender, row);
        if (++this.rowsThisTurn < SLICE_ROWS) continue;
        // Still inside the transaction (the writer lock is held): yielding lets other sockets run, nothing else.
        appender.flushSync();
        this.rowsThisTurn = 0;
        await nextTurn();
      }
    }
    appender.flushSync();
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<void> {
    await this.flushAppends();
    this.statementBytes += paramBytes(params);
    await this.database.writer.run(sql, toDuckDBParams(params));
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<JsonRow[]> {
    await this.flushAppends();
    this.statementBytes += paramBytes(params);
    const reader = await this.database.writer.runAndReadAll(sql, toDuckDBParams(params));
    return reader.getRowObjectsJson();
  }
}

/** Strings by their length, anything else (numbers, UUIDs, timestamps, lists) as a small fixed size. */
function paramBytes(params: readonly SqlValue[] | undefined): number {
  let bytes = 0;
  for (const value of params ?? [])
    bytes += typeof value === 'string' ? value.length : Array.isArray(value) ? 16 * value.length : 16;
  return bytes;
}

function appendTableRows<K extends AppendTable>(transaction: WriteTransaction, table: K, rows: RowsByTable): void {
  const tableRows: readonly TableRows[K][] | undefined = rows[table];
  if (tableRows !== undefined) transaction.append(table, tableRows);
}
