// Bundles the editor test suite (test/editor/suite/*.ts) for the extension host: one CommonJS file per suite
// file plus the runner index, `vscode` and `mocha` left to the host (mocha from the repo's node_modules).
// Used by test/editor/run.mjs and before `vscode-test` (.vscode-test.mjs).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const suiteDir = path.join(repo, 'test/editor/suite');
const entryPoints = fs
  .readdirSync(suiteDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join(suiteDir, f));
export const suiteOutDir = path.join(repo, 'dist/test/editor/suite');

export async function buildSuite() {
  fs.rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha', '@duckdb/node-api', 'bufferutil', 'utf-8-validate'],
  });
  return suiteOutDir;
}

if (process.argv[1] === new URL(import.meta.url).pathname) await buildSuite();
