import { DuckDBInstance } from '@duckdb/node-api';

/** Opens a memory file the way a user's DuckDB CLI or PyRIT would, after the daemon has let go of it. */
export async function queryDatabase<T = Record<string, unknown>>(dbPath: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as T[];
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
