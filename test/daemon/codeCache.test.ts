// The daemon's start from V8's code cache (daemon/launch/codeCache.ts), on the real `vutf daemon run`: the first
// start of a build writes the cache where only the user can write, the next runs from it, and a cache that is not
// this build's, or a directory others can write, never changes what runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { codeCacheDir, WRITE_AFTER_MS } from '../../daemon/launch/codeCache';
import { DaemonHarness, makeTempEnv, waitFor } from '../helpers/daemonHarness';

type Temp = ReturnType<typeof makeTempEnv>;

async function startedWith(temp: Temp): Promise<{ daemon: DaemonHarness; state: string }> {
  const daemon = await DaemonHarness.start({ reuse: temp });
  const connection = await daemon.connect('alice');
  try {
    const info = await connection.request('debug/info');
    // Whatever it was compiled from, the daemon works: it opens the memory and answers from it.
    assert.deepEqual((await connection.request('orchestrators/list')).orchestrators, []);
    return { daemon, state: info.daemon.code_cache };
  } finally {
    connection.close();
  }
}

function cacheFiles(temp: Temp): string[] {
  const dir = codeCacheDir(temp.env);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.cache')) : [];
}

async function cacheWritten(temp: Temp, unlike?: Buffer): Promise<string> {
  return waitFor('the code cache file', () => {
    const [name] = cacheFiles(temp);
    if (name === undefined) return undefined;
    const file = path.join(codeCacheDir(temp.env), name);
    return unlike === undefined || !fs.readFileSync(file).equals(unlike) ? file : undefined;
  });
}

describe('the daemon started from its code cache (real process)', () => {
  it(
    'writes the cache on the first start, only the user may read it, and the next start runs from it',
    { timeout: 90_000 },
    async () => {
      const temp = makeTempEnv();
      try {
        // Three older builds' caches: the write keeps the newest two of them beside its own.
        const dir = codeCacheDir(temp.env);
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const older = ['cli.bundle-old1.cache', 'cli.bundle-old2.cache', 'cli.bundle-old3.cache'];
        older.forEach((name, age) => {
          fs.writeFileSync(path.join(dir, name), 'stale', { mode: 0o600 });
          const when = new Date(Date.UTC(2026, 0, 10 - age));
          fs.utimesSync(path.join(dir, name), when, when);
        });
        const first = await startedWith(temp);
        assert.equal(first.state, 'missing');
        const file = await waitFor('the code cache file', () => {
          const written = cacheFiles(temp).find((name) => !older.includes(name));
          return written === undefined ? undefined : path.join(dir, written);
        });
        await first.daemon.stop({ keepFiles: true });
        assert.equal(fs.statSync(file).mode & 0o777, 0o600);
        assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
        assert.deepEqual(cacheFiles(temp).sort(), [path.basename(file), older[0], older[1]].sort());

        const second = await startedWith(temp);
        await second.daemon.stop({ keepFiles: true });
        assert.equal(second.state, 'used');
      } finally {
        fs.rmSync(temp.root, { recursive: true, force: true });
      }
    },
  );

  it(
    'refuses a cache that is not this build’s, runs compiled as usual, and writes the cache again',
    { timeout: 90_000 },
    async () => {
      const temp = makeTempEnv();
      try {
        const first = await startedWith(temp);
        const file = await cacheWritten(temp);
        await first.daemon.stop({ keepFiles: true });
        const foreign = Buffer.alloc(fs.statSync(file).size, 7);
        fs.writeFileSync(file, foreign);

        const second = await startedWith(temp);
        assert.equal(second.state, 'rejected');
        await cacheWritten(temp, foreign);
        await second.daemon.stop({ keepFiles: true });
      } finally {
        fs.rmSync(temp.root, { recursive: true, force: true });
      }
    },
  );

  it('neither reads nor writes a cache in a directory others can write', { timeout: 90_000 }, async () => {
    const temp = makeTempEnv();
    const dir = codeCacheDir(temp.env);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.chmodSync(dir, 0o777);
      const daemon = await startedWith(temp);
      assert.equal(daemon.state, 'unsafe');
      // Past the moment a start writes its cache (not a timing assertion: only that none was written by then).
      await delay(WRITE_AFTER_MS * 2);
      await daemon.daemon.stop({ keepFiles: true });
      assert.deepEqual(cacheFiles(temp), []);
    } finally {
      fs.rmSync(temp.root, { recursive: true, force: true });
    }
  });

  it('is off with VUTF_CODE_CACHE=0', { timeout: 60_000 }, async () => {
    const temp = makeTempEnv({ VUTF_CODE_CACHE: '0' });
    try {
      const daemon = await startedWith(temp);
      await delay(WRITE_AFTER_MS * 2);
      await daemon.daemon.stop({ keepFiles: true });
      assert.equal(daemon.state, 'off');
      assert.deepEqual(cacheFiles(temp), []);
    } finally {
      fs.rmSync(temp.root, { recursive: true, force: true });
    }
  });
});
