import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdbModule';
import type { JsonRow } from './rowValues';

/**
 * What the memory's queries see of a database, whichever backend holds it (DuckDB file or PostgreSQL schema).
 * Parameters are plain values; a list is a JS array (DuckDB gets a LIST value, PostgreSQL an array). Rows come
 * back as DuckDB's JSON conversion gives them: UUIDs, timestamps and JSON columns as text, INTEGER as numbers.
 */
export type SqlValue = string | number | bigint | boolean | null | readonly string[] | readonly number[];

export type SqlDialect = 'duckdb' | 'postgres';

export interface SqlReader {
  readonly dialect: SqlDialect;
  query(sql: string, params?: readonly SqlValue[]): Promise<JsonRow[]>;
}

/** A reader that may also change rows: what migrations run on. */
export interface SqlSession extends SqlReader {
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
}

export function toDuckDBParams(params: readonly SqlValue[] | undefined): DuckDBValue[] | undefined {
  return params?.map((value): DuckDBValue => (isList(value) ? duckdb().listValue([...value]) : value));
}

function isList(value: SqlValue): value is readonly string[] | readonly number[] {
  return Array.isArray(value);
}

/** A DuckDB connection seen through the seam. */
export function duckdbSession(connection: DuckDBConnection): SqlSession {
  return {
    dialect: 'duckdb',
    async query(sql, params) {
      const reader = await connection.runAndReadAll(sql, toDuckDBParams(params));
      return reader.getRowObjectsJson();
    },
    async run(sql, params) {
      await connection.run(sql, toDuckDBParams(params));
    },
  };
}
