// Bundles each runnable part. Type-checking is separate (`tsc --noEmit`) so builds stay fast.
// The DuckDB client carries a native addon, so it stays external and ships in node_modules.
import fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ws tries these optional native speed-ups at run time; absent is fine. pg requires pg-native only when asked
  // for its native client (never, here).
  external: ['@duckdb/node-api', 'bufferutil', 'utf-8-validate', 'pg-native'],
};

// The daemon starts from these bundles, and compiling 2.4 MB of JS was a quarter of its cold start: always
// minified, with names kept so stack traces and `error.name` still read as in the source.
const daemonBundle = { ...nodeCommon, minify: true, keepNames: true };

const targets = [
  // dist/cli.js and dist/daemon.js are small launchers: each runs its bundle through V8's code cache
  // (daemon/launch/codeCache.ts), so a start after the first deserialises compiled code instead of compiling.
  {
    ...daemonBundle,
    entryPoints: ['daemon/launch/cliLaunch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  { ...daemonBundle, entryPoints: ['daemon/cli/main.ts'], outfile: 'dist/cli.bundle.js' },
  { ...daemonBundle, entryPoints: ['daemon/launch/daemonLaunch.ts'], outfile: 'dist/daemon.js' },
  { ...daemonBundle, entryPoints: ['daemon/main.ts'], outfile: 'dist/daemon.bundle.js' },
  // The daemon's memory thread (daemon/memory/thread/): every DuckDB call runs there, off the sockets' thread.
  { ...daemonBundle, entryPoints: ['daemon/memory/thread/memoryThreadMain.ts'], outfile: 'dist/memoryThread.js' },
  // The VS Code extension: `vscode` is provided by the extension host at run time.
  // mainFields: jsonc-parser's UMD "main" hides its requires from the bundler; its ESM "module" build bundles.
  {
    ...nodeCommon,
    entryPoints: ['extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: [...nodeCommon.external, 'vscode'],
    mainFields: ['module', 'main'],
  },
  // Webview scripts run in the webview's browser sandbox: one self-contained file each (chart.js bundled, no CDN).
  ...['debugPanel', 'resultsPanel', 'comparePanel'].map((name) => ({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: [`webview/${name}/main.ts`],
    outfile: `dist/webview/${name}.js`,
  })),
];

// sql.js (PyRIT SQLite interchange) is bundled, but its WebAssembly binary is a file it reads at run time: it goes
// beside dist/daemon.js and dist/cli.js, where daemon/interchange/pyritSqlite/sqlJs.ts looks first.
fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
