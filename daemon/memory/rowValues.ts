import type { Json } from '@duckdb/node-api';

/**
 * Typed access to rows from DuckDB's JSON conversion (getRowObjectsJson): UUIDs and timestamps arrive as
 * strings, INTEGER as numbers, BIGINT as strings (so queries cast counts to INTEGER), JSON columns as their text.
 */
export type JsonRow = Record<string, Json>;

export function text(row: JsonRow, column: string): string {
  const value = row[column];
  if (typeof value !== 'string')
    throw new TypeError(`column ${column} is ${value === null ? 'NULL' : typeof value}, expected text`);
  return value;
}

export function textOrNull(row: JsonRow, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

export function integer(row: JsonRow, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new TypeError(`column ${column} is not a number`);
}

export function numberOrNull(row: JsonRow, column: string): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return integer(row, column);
}

/** A JSON column's text, parsed; NULL stays null and malformed text (written by someone else) stays text. */
export function parsedJson(row: JsonRow, column: string): Json {
  const value = row[column];
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}
