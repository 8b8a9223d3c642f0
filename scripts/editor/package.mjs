// `npm run package`: production bundles, then a platform-specific .vsix with @vscode/vsce. The daemon loads
// DuckDB's native addon, so a package is only valid for one platform: --target is this machine's, and only this
// platform's @duckdb/node-bindings-* package is installed and shipped (.vscodeignore is an allowlist).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { familySync, MUSL } from 'detect-libc';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const skipBuild = process.argv.includes('--no-build');

function vsceTarget() {
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch];
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
  if (!arch || !platform) throw new Error(`no VS Code target for ${process.platform}-${process.arch}`);
  // musl Linux (Alpine) is its own target: DuckDB ships a separate binary for it. detect-libc is what DuckDB's own
  // loader uses to pick that binary, so both agree.
  const musl = platform === 'linux' && familySync() === MUSL;
  return `${musl ? 'alpine' : platform}-${arch}`;
}

export function packageExtension({ build = true, quiet = false } = {}) {
  if (build)
    execFileSync(process.execPath, [path.join(repo, 'esbuild.mjs'), '--production'], { cwd: repo, stdio: 'inherit' });
  const { version, name } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const target = vsceTarget();
  const out = path.join(repo, 'dist', `${name}-${version}-${target}.vsix`);
  const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  const output = execFileSync(
    process.execPath,
    [
      vsce,
      'package',
      '--target',
      target,
      '--out',
      out,
      '--readme-path',
      'extension/README.md',
      '--skip-license',
      '--allow-missing-repository',
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  // vsce lists every file; the harness wants one line, a person running `npm run package` the whole list.
  process.stdout.write(
    quiet
      ? `${output
          .split('\n')
          .filter((line) => line.includes('DONE'))
          .join('\n')}\n`
      : output,
  );
  return out;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const out = packageExtension({ build: !skipBuild });
  console.log(`packaged ${path.relative(repo, out)} (${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MiB)`);
}
