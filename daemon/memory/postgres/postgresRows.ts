import type { JsonRow } from '../rowValues';
import type { SqlSession, SqlValue } from '../sqlSession';
import { microsTimestampText } from '../timestamps';
import { APPEND_ORDER, type AppendTable, type RowsByTable, type TableRows } from '../tableRows';
import type { WriteTransaction } from '../writeTransaction';

/** PostgreSQL takes at most 65,535 parameters per statement; a chunk stays under it with room to spare. */
const MAX_PARAMETERS = 60_000;

/** A row field as a parameter: TimestampMicros (bigint) as a timestamp literal, lists as arrays. */
function parameterOf(value: unknown): SqlValue {
  if (typeof value === 'bigint') return microsTimestampText(value);
  if (value === undefined) return null;
  return value as SqlValue;
}

/**
 * Rows of one table as multi-row INSERTs with parameters, chunked under the parameter limit. The columns are
 * the row type's fields, which are named after the table's columns (tableRows.ts).
 */
export async function insertTable(session: SqlSession, table: AppendTable, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: SqlValue[] = [];
    const tuples = chunk.map((row) => {
      const record = row as Record<string, unknown>;
      const slots = columns.map((column) => {
        params.push(parameterOf(record[column]));
        return `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await session.run(`INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(', ')}`, params);
  }
}

/** Every table's rows, referenced tables first (a score's piece is inserted before the score). */
export async function insertRows(session: SqlSession, rows: RowsByTable): Promise<void> {
  for (const table of APPEND_ORDER) {
    const tableRows = rows[table];
    if (tableRows !== undefined) await insertTable(session, table, tableRows);
  }
}

type PendingRows = { [K in AppendTable]?: TableRows[K][] };

/**
 * What a write job sees in PostgreSQL: the batch's one transaction. Rows are buffered, merged over the batch's
 * jobs and inserted in foreign-key order before the next statement and before COMMIT, as DuckDB's appenders are.
 */
export class PostgresTransaction implements WriteTransaction {
  readonly dialect = 'postgres';
  private pending: PendingRows = {};

  constructor(private readonly session: SqlSession) {}

  append<K extends AppendTable>(table: K, rows: readonly TableRows[K][]): void {
    if (rows.length === 0) return;
    const pending: TableRows[K][] = (this.pending[table] ??= []) as TableRows[K][];
    for (const row of rows) pending.push(row);
  }

  appendTable<K extends AppendTable>(table: K, rows: RowsByTable): void {
    const tableRows: readonly TableRows[K][] | undefined = rows[table];
    if (tableRows !== undefined) this.append(table, tableRows);
  }

  appendRows(rows: RowsByTable): void {
    for (const table of APPEND_ORDER) this.appendTable(table, rows);
  }

  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = {};
    await insertRows(this.session, pending as RowsByTable);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<void> {
    await this.flush();
    await this.session.run(sql, params);
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<JsonRow[]> {
    await this.flush();
    return this.session.query(sql, params);
  }
}
