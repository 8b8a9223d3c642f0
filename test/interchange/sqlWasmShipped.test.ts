import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SQL_WASM_FILE } from '../../daemon/interchange/pyritSqlite/sqlJs';

const REPO = path.resolve(__dirname, '..', '..');

/**
 * sql.js reads its WebAssembly binary from a file at run time. The daemon bundle looks for it beside itself
 * (dist/), so the build must put it there and the .vsix (an allowlist) must carry it, or PyRIT export and import
 * fail only in the installed extension.
 */
describe('the SQLite WebAssembly binary ships with the daemon bundle', () => {
  it('esbuild.mjs copies it into dist/ under the name the loader looks for', () => {
    const build = fs.readFileSync(path.join(REPO, 'esbuild.mjs'), 'utf8');
    assert.ok(
      build.includes(`fs.copyFileSync('node_modules/sql.js/dist/${SQL_WASM_FILE}', 'dist/${SQL_WASM_FILE}')`),
      'esbuild.mjs copies the sql.js binary beside the bundles',
    );
  });

  it('.vscodeignore brings it back into the package', () => {
    const allowlist = fs
      .readFileSync(path.join(REPO, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    assert.ok(allowlist.includes(`!dist/${SQL_WASM_FILE}`), `.vscodeignore lacks !dist/${SQL_WASM_FILE}`);
  });

  it('the binary the build copies is the one the installed sql.js expects', () => {
    const packaged = fs.readFileSync(path.join(REPO, 'node_modules', 'sql.js', 'dist', SQL_WASM_FILE));
    assert.equal(packaged.subarray(0, 4).toString('latin1'), '\0asm', 'a WebAssembly module');
  });
});

/** The daemon starts its memory thread from dist/memoryThread.js beside its bundle: the package must carry it. */
describe('the memory thread ships with the daemon bundle', () => {
  it('esbuild.mjs builds it and .vscodeignore brings it back into the package', () => {
    const build = fs.readFileSync(path.join(REPO, 'esbuild.mjs'), 'utf8');
    assert.ok(build.includes("outfile: 'dist/memoryThread.js'"), 'esbuild.mjs builds dist/memoryThread.js');
    const allowlist = fs
      .readFileSync(path.join(REPO, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    assert.ok(allowlist.includes('!dist/memoryThread.js'), '.vscodeignore lacks !dist/memoryThread.js');
  });
});
