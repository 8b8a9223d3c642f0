import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { xdgDir, type Env } from '../../client/stateDir';
import { setCodeCacheState, type CodeCacheState } from './codeCacheState';

/**
 * When the code cache is written: by then a daemon has started, so the functions its start runs are compiled and
 * go into the cache with the bundle's top level. A CLI command that ends sooner writes nothing.
 */
export const WRITE_AFTER_MS = 2000;

/** Caches kept per bundle, the newest: one per Node that runs it, and the build before. */
const KEPT_CACHES = 3;

export function codeCacheDir(env: Env): string {
  return path.join(xdgDir(env, 'XDG_CACHE_HOME', ['.cache']), 'violentutf', 'code-cache');
}

/**
 * Cached code is code: V8 runs what the file holds, checking little more than the source's length and its own
 * flags. So the file is named by a hash of the bundle and of the Node that compiled it (the extension's daemon runs
 * on VS Code's Electron, `vutf` on the user's Node: each keeps its own), and is used only where no one but the user
 * could have written it.
 */
function cacheFile(bundle: string, source: Buffer, env: Env): string {
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.versions.v8}\0${process.arch}`)
    .digest('hex')
    .slice(0, 20);
  return path.join(codeCacheDir(env), `${path.basename(bundle, '.js')}-${key}.cache`);
}

/** Only the user can write it: owned by them, writable by no one else (Windows: the profile's own ACLs). */
function isPrivate(stat: fs.Stats, otherBits: number): boolean {
  if (process.platform === 'win32' || process.getuid === undefined) return true;
  return stat.uid === process.getuid() && (stat.mode & otherBits) === 0;
}

/** Whether the directory is the user's alone; one that cannot be made (a read-only home) holds no cache. */
function privateDirectory(dir: string): 'private' | 'unsafe' | 'unavailable' {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    return stat.isDirectory() && isPrivate(stat, 0o077) ? 'private' : 'unsafe';
  } catch {
    return 'unavailable';
  }
}

type CacheRead = { readonly state: 'found'; readonly data: Buffer } | { readonly state: 'missing' | 'unsafe' };

function readCache(file: string): CacheRead {
  const dir = privateDirectory(path.dirname(file));
  if (dir !== 'private') return { state: dir === 'unsafe' ? 'unsafe' : 'missing' };
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || !isPrivate(stat, 0o022)) return { state: 'unsafe' };
    return { state: 'found', data: fs.readFileSync(file) };
  } catch {
    return { state: 'missing' };
  }
}

/** Written whole or not at all: another daemon may start at the same moment. */
function writeCache(script: vm.Script, file: string): void {
  const dir = path.dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file);
    // Older builds' caches go; a few stay, since the same bundle may run on more than one Node (nvm, Electron).
    const prefix = `${path.basename(file).split('-')[0]}-`;
    const caches = fs
      .readdirSync(dir)
      .filter((name) => name.startsWith(prefix) && name.endsWith('.cache'))
      .map((name) => ({ name, written: fs.statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.written - a.written);
    for (const { name } of caches.slice(KEPT_CACHES)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // Only a faster next start is lost.
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Runs a CommonJS bundle as `require` would, but compiled with V8's code cache of an earlier start of the same
 * build. Compiling the daemon's 2 MB bundle and the functions its start calls was about a third of its cold start
 * (bench/startup.ts); with the cache, V8 deserialises them instead.
 */
export function runBundle(bundle: string, env: Env = process.env): void {
  const bytes = fs.readFileSync(bundle);
  const code = bytes.toString('utf8');
  const file = env.VUTF_CODE_CACHE === '0' ? null : cacheFile(bundle, bytes, env);
  const read: CacheRead | null = file === null ? null : readCache(file);
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${code.startsWith('#!') ? `//${code}` : code}\n})`,
    { filename: bundle, cachedData: read?.state === 'found' ? read.data : undefined },
  );
  let state: CodeCacheState;
  if (read === null) state = 'off';
  else if (read.state === 'found') state = script.cachedDataRejected === true ? 'rejected' : 'used';
  else state = read.state;
  setCodeCacheState(state);
  if (file !== null && (state === 'missing' || state === 'rejected')) {
    setTimeout(() => writeCache(script, file), WRITE_AFTER_MS).unref();
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}
