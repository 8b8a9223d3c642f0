import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from '../../memory/duckdbModule';
import { DatabaseLockedError, InvalidInputError } from '../../../domain/errors';
import type { SourceRow, SourceTables } from './sourceTables';

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A PyRIT 0.9 `DuckDBMemory` file (PyRIT's, ViolentUTF's or ours), opened READ_ONLY in an instance of its own so
 * the source is never written and never shares a cache with the user's memory. Every cell is read as text;
 * timestamps in SQLAlchemy's form so both sources look alike to the mapping.
 */
export class DuckdbSourceTables implements SourceTables {
  readonly format = 'duckdb' as const;
  private readonly types = new Map<string, Map<string, string>>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(filePath: string): Promise<DuckdbSourceTables> {
    let instance: DuckDBInstance;
    try {
      instance = await duckdb().DuckDBInstance.create(filePath, { access_mode: 'READ_ONLY' });
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message))
        throw new DatabaseLockedError(
          `${JSON.stringify(filePath)} is open in another program (DuckDB holds a lock on it: ${message.split('\n')[0]}). Close PyRIT or the DuckDB CLI and import again.`,
          { path: filePath },
        );
      throw new InvalidInputError(`DuckDB cannot open ${JSON.stringify(filePath)}: ${message.split('\n')[0]}`, {
        field: 'path',
        path: filePath,
      });
    }
    return new DuckdbSourceTables(instance, await instance.connect());
  }

  private async columnTypes(table: string): Promise<Map<string, string> | null> {
    const known = this.types.get(table);
    if (known !== undefined) return known;
    const reader = await this.connection.runAndReadAll(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    const rows = reader.getRowObjectsJson();
    if (rows.length === 0) return null;
    const types = new Map(rows.map((row) => [String(row.column_name), String(row.data_type)]));
    this.types.set(table, types);
    return types;
  }

  async columns(table: string): Promise<ReadonlySet<string> | null> {
    const types = await this.columnTypes(table);
    return types === null ? null : new Set(types.keys());
  }

  async count(table: string): Promise<number> {
    const reader = await this.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${quoted(table)}`);
    return Number(reader.getRowObjectsJson()[0]?.n ?? 0);
  }

  async page(table: string, columns: readonly string[], offset: number, limit: number): Promise<SourceRow[]> {
    const types = (await this.columnTypes(table)) ?? new Map<string, string>();
    const select = columns.map((column) => {
      const type = types.get(column) ?? '';
      const value = type.startsWith('TIMESTAMP')
        ? `strftime(${quoted(column)}, '%Y-%m-%d %H:%M:%S.%f')`
        : `${quoted(column)}::VARCHAR`;
      return `${value} AS ${quoted(column)}`;
    });
    const reader = await this.connection.runAndReadAll(
      `SELECT ${select.join(', ')} FROM ${quoted(table)} ORDER BY rowid LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
    );
    return reader.getRowObjectsJson().map((row) => {
      const values: SourceRow = {};
      for (const column of columns) {
        const value = row[column];
        values[column] = value === null || value === undefined ? null : String(value);
      }
      return values;
    });
  }

  async revision(): Promise<string | null> {
    return null;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
