import type { Database } from 'sql.js';

/** A cell as a source hands it over: text, a number, or NULL (JSON and timestamps arrive as text). */
export type SourceValue = string | number | null;
export type SourceRow = Record<string, SourceValue>;

/**
 * Read-only access to the tables of a memory someone else wrote, whatever its engine: the importer reads PyRIT's
 * SQLite memories and 0.9 DuckDB memories through this, page by page, and never writes.
 */
export interface SourceTables {
  readonly format: 'sqlite' | 'duckdb';
  /** The table's column names, or null when the file has no such table. */
  columns(table: string): Promise<ReadonlySet<string> | null>;
  count(table: string): Promise<number>;
  page(table: string, columns: readonly string[], offset: number, limit: number): Promise<SourceRow[]>;
  /** The alembic revision the file is stamped with, null when unversioned (or not a SQLite memory). */
  revision(): Promise<string | null>;
  close(): void;
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQLite memory loaded into sql.js (the whole file is in memory: see the size limit in memoryFile.ts). */
export class SqliteSourceTables implements SourceTables {
  readonly format = 'sqlite' as const;

  constructor(private readonly database: Database) {}

  async columns(table: string): Promise<ReadonlySet<string> | null> {
    const result = this.database.exec(`PRAGMA table_info(${quoted(table)})`);
    if (result.length === 0) return null;
    const nameAt = result[0].columns.indexOf('name');
    return new Set(result[0].values.map((row) => String(row[nameAt])));
  }

  async count(table: string): Promise<number> {
    const result = this.database.exec(`SELECT count(*) FROM ${quoted(table)}`);
    return Number(result[0]?.values[0]?.[0] ?? 0);
  }

  async page(table: string, columns: readonly string[], offset: number, limit: number): Promise<SourceRow[]> {
    const statement = this.database.prepare(
      `SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)} ORDER BY rowid LIMIT ? OFFSET ?`,
    );
    try {
      statement.bind([limit, offset]);
      const rows: SourceRow[] = [];
      while (statement.step()) {
        const values = statement.get();
        const row: SourceRow = {};
        columns.forEach((column, index) => {
          const value = values[index];
          row[column] = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : (value ?? null);
        });
        rows.push(row);
      }
      return rows;
    } finally {
      statement.free();
    }
  }

  async revision(): Promise<string | null> {
    if ((await this.columns('pyrit_memory_alembic_version')) === null) return null;
    const result = this.database.exec('SELECT version_num FROM pyrit_memory_alembic_version LIMIT 1');
    const value = result[0]?.values[0]?.[0];
    return value === undefined || value === null ? null : String(value);
  }

  close(): void {
    this.database.close();
  }
}
