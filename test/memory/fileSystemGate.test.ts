import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FileSystemGate, gateFor } from '../../daemon/memory/fileSystemGate';
import { tempDir } from './memoryTestKit';

/** Lets every promise callback that is ready run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('file system gate', () => {
  it('lets shared holders in together and an exclusive one in alone, after them', async () => {
    const gate = new FileSystemGate();
    const order: string[] = [];
    const first = await gate.acquire(false);
    const second = await gate.acquire(false);
    const exclusive = gate.acquire(true).then((release) => {
      order.push('exclusive');
      return release;
    });
    await settle();
    assert.deepEqual(order, [], 'the exclusive holder waits for both shared ones');
    first();
    await settle();
    assert.deepEqual(order, []);
    second();
    (await exclusive)();
    assert.deepEqual(order, ['exclusive']);
  });

  it('keeps a shared holder that comes after a waiting exclusive one behind it', async () => {
    const gate = new FileSystemGate();
    const order: string[] = [];
    const appends = await gate.acquire(false);
    const rewrite = gate.run(true, async () => {
      order.push('rewrite');
    });
    const laterAppends = gate.run(false, async () => {
      order.push('later appends');
    });
    await settle();
    assert.deepEqual(order, [], 'neither passes the shared holder still in');
    appends();
    await Promise.all([rewrite, laterAppends]);
    assert.deepEqual(order, ['rewrite', 'later appends'], 'a stream of appends cannot starve a rewrite');
  });

  it('ignores a second release and lets the next holder in after a failed one', async () => {
    const gate = new FileSystemGate();
    const release = await gate.acquire(true);
    release();
    release();
    await assert.rejects(
      gate.run(true, async () => {
        throw new Error('the work failed');
      }),
      /the work failed/,
    );
    const both = await Promise.all([gate.acquire(false), gate.acquire(false)]);
    const exclusive = gate.acquire(true);
    for (const releaseShared of both) releaseShared();
    (await exclusive)();
  });

  it('is one gate for the files of one disk', () => {
    const { dir, cleanup } = tempDir('gate');
    try {
      assert.equal(gateFor(path.join(dir, 'a.db')), gateFor(path.join(dir, 'b.db')));
    } finally {
      cleanup();
    }
  });
});
