// Runs node's test runner over test/**/*.test.ts (Node 20's --test has no globs). Extra arguments narrow the
// set: `npm test -- test/daemon` runs only the files under that folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const passThrough = process.argv.slice(2).filter((arg) => arg.startsWith('--'));

function collect(entry) {
  const stat = fs.statSync(entry);
  if (stat.isFile()) return entry.endsWith('.test.ts') ? [entry] : [];
  return fs
    .readdirSync(entry, { recursive: true })
    .map((name) => path.join(entry, String(name)))
    .filter((file) => file.endsWith('.test.ts') && !file.includes(`${path.sep}fixtures${path.sep}`))
    .sort();
}

const files = (roots.length ? roots : ['test']).flatMap(collect);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ') || 'test'}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...passThrough, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
