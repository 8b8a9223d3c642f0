import { createRequire } from 'node:module';
import path from 'node:path';
import type * as DuckDBModule from '@duckdb/node-api';

export type DuckDB = typeof DuckDBModule;

let loaded: DuckDB | undefined;

/**
 * `@duckdb/node-api`, loaded on first use. Requiring it reads its JS and maps the 70 MB native library: about
 * 60–100 ms and 25 MB of RSS that a daemon starting up (or one that never opens a file) should not pay. Every
 * module of the daemon therefore imports only its types at the top and takes values from here.
 */
export function duckdb(): DuckDB {
  loaded ??= createRequire(__filename)('@duckdb/node-api') as DuckDB;
  return loaded;
}

/** Opening a file is the first use; async so callers need not care that loading is synchronous today. */
export function loadDuckDB(): Promise<DuckDB> {
  return Promise.resolve(duckdb());
}

const PACKAGE_DIR = `${path.sep}@duckdb${path.sep}node-api${path.sep}`;

/**
 * Whether any code of this process has loaded the package, read from Node's module cache rather than from the
 * flag above, so that a stray value import elsewhere shows too (reported in `debug/info`).
 */
export function isDuckDBLoaded(): boolean {
  return Object.keys(createRequire(__filename).cache).some((file) => file.includes(PACKAGE_DIR));
}
