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

/**
 * dist/daemon.js is a launcher that runs dist/daemon.bundle.js (daemon/launch/codeCache.ts), and the daemon starts
 * its memory thread from dist/memoryThread.js beside it: the package must carry all three.
 */
describe('the daemon bundle, its launcher and its memory thread ship together', () => {
  for (const file of ['dist/daemon.js', 'dist/daemon.bundle.js', 'dist/memoryThread.js']) {
    it(`esbuild.mjs builds ${file} and .vscodeignore brings it back into the package`, () => {
      const build = fs.readFileSync(path.join(REPO, 'esbuild.mjs'), 'utf8');
      assert.ok(build.includes(`outfile: '${file}'`), `esbuild.mjs builds ${file}`);
      const allowlist = fs
        .readFileSync(path.join(REPO, '.vscodeignore'), 'utf8')
        .split('\n')
        .map((line) => line.trim());
      assert.ok(allowlist.includes(`!${file}`), `.vscodeignore lacks !${file}`);
    });
  }
});
