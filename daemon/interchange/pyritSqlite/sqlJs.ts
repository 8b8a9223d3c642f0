import fs from 'node:fs';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/**
 * SQLite compiled to WebAssembly. The daemon runs on VS Code's own Electron Node, where a native addon built for
 * plain Node does not load; WebAssembly loads in either. The bundle (dist/daemon.js, dist/cli.js) has
 * `sql-wasm.wasm` copied beside it by esbuild.mjs and shipped by .vscodeignore; from sources (tests, tsx) it is
 * the package's own copy.
 */
export const SQL_WASM_FILE = 'sql-wasm.wasm';

function wasmPath(): string {
  const besideBundle = path.join(__dirname, SQL_WASM_FILE);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(`sql.js/dist/${SQL_WASM_FILE}`);
}

let loading: Promise<SqlJsStatic> | undefined;

/** Loaded once per process, on first use: a daemon that never exchanges a PyRIT file never compiles it. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const wasmBinary = fs.readFileSync(wasmPath());
    return initSqlJs({
      wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength),
    });
  })();
  // A failed load (a missing file) is retried next time instead of being remembered.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
