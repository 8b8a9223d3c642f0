import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, mock } from 'node:test';
import { parseLockHolder } from '../../daemon/memory/duckdbErrors';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { DomainError } from '../../domain/errors';
import { emptyOutcomes } from '../../domain/runFigures';
import {
  createManager,
  executionContext,
  judgedExchange,
  queryFile,
  runFixture,
  sleep,
  tempDir,
} from './memoryTestKit';

/** `count` exchanges of one (new, unless given) execution, with their attack results; returns the piece ids. */
async function addExchanges(store: MemoryStore, count: number, executionId?: string): Promise<string[]> {
  const context = executionContext(executionId);
  const ids: string[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const exchange = judgedExchange(context, {
        prompt: `prompt ${index}`,
        response: `answer ${index}`,
        promptIndex: index,
      });
      ids.push(exchange.request.id, exchange.response.id);
      return store.addExchange(exchange);
    }),
  );
  return ids;
}

describe('DatabaseManager', () => {
  it('opens a file once for concurrent first uses and reports its state', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('manager-open');
    const { manager, logs } = createManager();
    const states: string[] = [];
    const dbPath = path.join(dir, 'nested', 'user.db');
    manager.onStateChange((changed) => states.push(`${path.basename(changed)}:${manager.stats(changed).state}`));
    try {
      assert.equal(manager.stats(dbPath).state, 'closed');
      const store = new MemoryStore(manager, dbPath);
      // Same file under two spellings, many concurrent first uses.
      const other = new MemoryStore(manager, path.join(dir, 'nested', '..', 'nested', 'user.db'));
      await Promise.all([
        ...Array.from({ length: 20 }, () => store.listOrchestrators()),
        other.listOrchestrators(),
        addExchanges(store, 5),
      ]);
      assert.equal(logs.filter((line) => line.message.startsWith('opened')).length, 1);
      assert.equal(manager.openDatabaseCount(), 1);
      assert.equal(manager.totalActiveConnections(), 2);
      const stats = manager.stats(dbPath);
      assert.equal(stats.state, 'open');
      assert.equal(stats.active_connections, 2);
      assert.equal(stats.pending_writes, 0);
      assert.equal(stats.last_error, null);
      assert.ok(stats.wal_size_bytes > 0, 'committed rows sit in the WAL until a checkpoint');
      assert.deepEqual(states, ['user.db:opening', 'user.db:open']);
      await manager.closeAll();
      assert.equal(manager.stats(dbPath).state, 'closed');
      assert.equal(manager.stats(dbPath).wal_size_bytes, 0, 'closeAll checkpoints');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it(
    'names the PID of another process holding the file, and keeps serving other files',
    { timeout: 60_000 },
    async () => {
      const { dir, cleanup } = tempDir('manager-lock');
      const lockedPath = path.join(dir, 'locked.db');
      const holder = runFixture('holdDatabase', [lockedPath]);
      const { manager } = createManager({ maxRetries: 1 });
      try {
        const ready = await holder.waitForLine((line) => line.startsWith('ready'), 30_000);
        const pid = Number(ready.split(' ')[1]);
        assert.equal(pid, holder.child.pid);

        const locked = new MemoryStore(manager, lockedPath);
        const error = await locked.listOrchestrators().then(
          () => assert.fail('a locked file must not open'),
          (caught: unknown) => caught,
        );
        assert.ok(error instanceof DomainError, String(error));
        assert.equal(error.kind, 'DatabaseLocked');
        assert.match(error.message, new RegExp(`PID ${pid}\\b`));
        assert.equal(error.data?.pid, pid);
        assert.equal(error.data?.path, lockedPath);
        assert.equal(manager.stats(lockedPath).state, 'error');
        assert.match(manager.stats(lockedPath).last_error ?? '', new RegExp(`PID ${pid}`));
        // Writes are refused the same way, and nothing is reported as saved.
        await assert.rejects(
          addExchanges(locked, 1),
          (caught: unknown) => caught instanceof DomainError && caught.kind === 'DatabaseLocked',
        );

        const free = new MemoryStore(manager, path.join(dir, 'free.db'));
        await addExchanges(free, 3);
        assert.equal(manager.stats(free.dbPath).state, 'open');

        // Once the other program is gone, the next use opens the file.
        holder.child.kill('SIGKILL');
        await holder.exited;
        assert.deepEqual(await locked.listOrchestrators(), []);
        assert.equal(manager.stats(lockedPath).state, 'open');
        assert.equal(manager.stats(lockedPath).last_error, null);
      } finally {
        holder.child.kill('SIGKILL');
        await manager.closeAll();
        cleanup();
      }
    },
  );

  it("parses the holder out of DuckDB's lock message", () => {
    const message =
      'IO Error: Could not set lock on file "/tmp/x.db": Conflicting lock is held in /usr/bin/python3.12 (PID 4242). See also https://duckdb.org/docs/stable/connect/concurrency';
    assert.deepEqual(parseLockHolder(message), { pid: 4242, holder: '/usr/bin/python3.12' });
    assert.equal(parseLockHolder('IO Error: something else'), null);
  });

  it('keeps two users in two files with no row crossing', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('manager-users');
    const { manager } = createManager();
    try {
      const alice = new MemoryStore(manager, path.join(dir, 'alice.db'));
      const bob = new MemoryStore(manager, path.join(dir, 'bob.db'));
      const aliceConfig = await alice.saveOrchestrator({
        name: 'a',
        orchestrator_type: 'prompt_sending',
        parameters: {},
        created_by: 'alice',
      });
      const bobConfig = await bob.saveOrchestrator({
        name: 'b',
        orchestrator_type: 'prompt_sending',
        parameters: {},
        created_by: 'bob',
      });
      const aliceExecution = await alice.saveExecution({
        orchestrator_id: aliceConfig.id,
        execution_type: 'prompt_list',
        created_by: 'alice',
      });
      const [aliceIds, bobIds] = await Promise.all([addExchanges(alice, 30, aliceExecution.id), addExchanges(bob, 20)]);

      assert.deepEqual(
        (await alice.listOrchestrators()).map((config) => config.id),
        [aliceConfig.id],
      );
      assert.deepEqual(
        (await bob.listOrchestrators()).map((config) => config.id),
        [bobConfig.id],
      );
      assert.equal(await bob.getOrchestrator(aliceConfig.id), null);
      assert.equal(await bob.getExecution(aliceExecution.id), null);
      const page = { limit: 100, sort: 'prompt' } as const;
      assert.equal((await bob.listAttackResults(aliceExecution.id, page)).total, 0);
      assert.equal((await alice.listAttackResults(aliceExecution.id, page)).total, 30);
      assert.deepEqual(await bob.outcomeCounts([aliceExecution.id]), new Map([[aliceExecution.id, emptyOutcomes()]]));
      assert.deepEqual((await alice.outcomeCounts([aliceExecution.id])).get(aliceExecution.id), {
        ...emptyOutcomes(),
        undetermined: 30,
      });
      await manager.closeAll();

      const alicePieces = await queryFile(alice.dbPath, 'SELECT id::VARCHAR AS id FROM "PromptMemoryEntries"');
      const bobPieces = await queryFile(bob.dbPath, 'SELECT id::VARCHAR AS id FROM "PromptMemoryEntries"');
      assert.deepEqual(new Set(alicePieces.map((row) => row.id)), new Set(aliceIds));
      assert.deepEqual(new Set(bobPieces.map((row) => row.id)), new Set(bobIds));
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it(
    'loses nothing when clearCache runs during writes, and keeps files that are writing',
    { timeout: 60_000 },
    async () => {
      const { dir, cleanup } = tempDir('manager-clear');
      const { manager } = createManager();
      try {
        const store = new MemoryStore(manager, path.join(dir, 'user.db'));
        const acked: string[] = [];
        const keptReasons = new Set<string>();
        let closedCount = 0;
        let writing = true;
        const writers = Array.from({ length: 4 }, async (_, writer) => {
          for (let round = 0; round < 40; round++) {
            acked.push(...(await addExchanges(store, 5 + ((writer + round) % 7))));
            if (round % 5 === 0) await sleep(2);
          }
        });
        const clearer = (async () => {
          while (writing) {
            const result = await manager.clearCache();
            closedCount += result.closed.length;
            for (const kept of result.kept) keptReasons.add(kept.reason);
            await sleep(1);
          }
        })();
        await Promise.all(writers);
        writing = false;
        await clearer;
        assert.ok(closedCount > 0, 'some clearCache calls found the file idle and closed it');
        assert.ok(keptReasons.has('writing'), `some found it writing and kept it (${[...keptReasons].join(', ')})`);
        await manager.closeAll();
        const rows = await queryFile(store.dbPath, 'SELECT id::VARCHAR AS id FROM "PromptMemoryEntries"');
        const stored = rows.map((row) => String(row.id));
        assert.equal(stored.length, acked.length, 'no acknowledged row lost, none stored twice');
        assert.deepEqual(new Set(stored), new Set(acked));
      } finally {
        await manager.closeAll();
        cleanup();
      }
    },
  );

  it('clears only the files it is asked to', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('manager-clear-scope');
    const { manager } = createManager();
    try {
      const alice = new MemoryStore(manager, path.join(dir, 'alice.db'));
      const bob = new MemoryStore(manager, path.join(dir, 'bob.db'));
      await Promise.all([addExchanges(alice, 2), addExchanges(bob, 2)]);
      const result = await manager.clearCache([alice.dbPath]);
      assert.deepEqual(result, { closed: [alice.dbPath], kept: [] });
      assert.equal(manager.stats(alice.dbPath).state, 'closed');
      assert.equal(manager.stats(bob.dbPath).state, 'open');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it(
    'closes an idle file after idleCloseMs (checkpointed) and reopens it on next use',
    { timeout: 30_000 },
    async () => {
      const { dir, cleanup } = tempDir('manager-idle');
      const { manager, logs } = createManager({ idleCloseMs: 150 });
      try {
        const store = new MemoryStore(manager, path.join(dir, 'user.db'));
        const ids = await addExchanges(store, 10);
        assert.equal(manager.stats(store.dbPath).state, 'open');
        const deadline = Date.now() + 5_000;
        while (manager.stats(store.dbPath).state !== 'closed' && Date.now() < deadline) await sleep(25);
        assert.equal(manager.stats(store.dbPath).state, 'closed');
        assert.equal(manager.stats(store.dbPath).wal_size_bytes, 0, 'checkpointed before closing');
        assert.ok(logs.some((line) => line.message.includes('idle')));
        // Readable from another instance now, since the daemon let go of it.
        assert.equal(
          (await queryFile(store.dbPath, 'SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"'))[0].n,
          ids.length,
        );

        const more = await addExchanges(store, 3);
        assert.equal(manager.stats(store.dbPath).state, 'open');
        assert.equal(logs.filter((line) => line.message.startsWith('opened')).length, 2);
        await manager.closeAll();
        assert.equal(
          (await queryFile(store.dbPath, 'SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"'))[0].n,
          ids.length + more.length,
        );
      } finally {
        await manager.closeAll();
        cleanup();
      }
    },
  );

  it(
    'does not close a file that keeps being used, and closes it once it is left idle',
    { timeout: 30_000 },
    async () => {
      // On a fake clock (the manager's `now` and node:test's mocked setTimeout, moved together), so "never closed
      // while in use" holds at exact moments instead of over 1.5 s of a shared machine's wall clock.
      const { dir, cleanup } = tempDir('manager-busy');
      let clock = 0;
      const { manager, logs } = createManager({ idleCloseMs: 400, now: () => clock });
      const advance = (ms: number): void => {
        clock += ms;
        mock.timers.tick(ms);
      };
      const count = (prefix: string) => logs.filter((line) => line.message.startsWith(prefix)).length;
      mock.timers.enable({ apis: ['setTimeout'] });
      try {
        const store = new MemoryStore(manager, path.join(dir, 'user.db'));
        // Used every 300 ms for 6 s: the idle timer fires in between, each time finding a use under 400 ms ago.
        for (let use = 0; use < 20; use++) {
          await addExchanges(store, 1);
          advance(300);
        }
        // A close started by any of those firings would make this use wait for it and open the file again.
        await store.listOrchestrators();
        assert.equal(count('closed'), 0, JSON.stringify(logs));
        assert.equal(count('opened'), 1, JSON.stringify(logs));
        assert.equal(manager.stats(store.dbPath).state, 'open');

        // Left alone for a period and the longest re-arm of the timer (300 ms), it closes (checkpointed first,
        // on DuckDB's threads: real time, so wait for the state change itself).
        const closed = new Promise<void>((resolve) => {
          const stop = manager.onStateChange((changed) => {
            if (changed === store.dbPath && manager.stats(changed).state === 'closed') {
              stop();
              resolve();
            }
          });
        });
        advance(400);
        advance(300);
        await closed;
        assert.equal(count('closed'), 1, JSON.stringify(logs));
        assert.equal(manager.stats(store.dbPath).wal_size_bytes, 0, 'checkpointed before closing');
      } finally {
        mock.timers.reset();
        await manager.closeAll();
        cleanup();
      }
    },
  );

  it('flushes queued writes on closeAll and refuses new work afterwards', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('manager-close');
    const { manager } = createManager();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const pending = addExchanges(store, 200);
      const closing = manager.closeAll();
      const ids = await pending;
      await closing;
      assert.equal(manager.openDatabaseCount(), 0);
      await assert.rejects(
        store.listOrchestrators(),
        (error: unknown) => error instanceof DomainError && error.kind === 'DatabaseUnavailable',
      );
      assert.equal(
        (await queryFile(store.dbPath, 'SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"'))[0].n,
        ids.length,
      );
      assert.equal(fs.existsSync(`${store.dbPath}.wal`), false);
    } finally {
      cleanup();
    }
  });

  it(
    'gives up on an open that exceeds its timeout without leaving a second instance behind',
    { timeout: 60_000 },
    async () => {
      const { dir, cleanup } = tempDir('manager-timeout');
      const dbPath = path.join(dir, 'user.db');
      try {
        const seeded = createManager();
        const ids = await addExchanges(new MemoryStore(seeded.manager, dbPath), 50);
        await seeded.manager.closeAll();

        // 1 ms: every attempt loses the race against DuckDB's open; each retry waits for the abandoned one.
        const { manager, logs } = createManager({ connectTimeoutMs: 1, maxRetries: 2 });
        const error = await new MemoryStore(manager, dbPath).listOrchestrators().then(
          () => null,
          (caught: unknown) => caught,
        );
        // (An open is file I/O, a WAL replay and migrations on DuckDB's threads: always well over 1 ms.)
        assert.ok(error instanceof DomainError, String(error));
        assert.equal(error.kind, 'DatabaseUnavailable');
        assert.equal(error.data?.reason, 'timeout');
        assert.equal(logs.filter((line) => line.message.includes('retry')).length, 2);
        assert.equal(manager.stats(dbPath).state, 'error');
        await manager.closeAll();
        // Had an abandoned attempt kept its instance, this process would still hold the file's lock. The last one
        // closes its instance whenever DuckDB hands it over, which may be a moment after closeAll: another process
        // retries taking the file until it gets it (bounded), instead of a sleep guessing that moment.
        const deadline = Date.now() + 20_000;
        for (let attempt = 1; ; attempt++) {
          const holder = runFixture('holdDatabase', [dbPath]);
          try {
            await holder.waitForLine((line) => line.startsWith('ready'), 30_000);
            break;
          } catch (error) {
            if (Date.now() > deadline)
              assert.fail(`still locked by this process after ${attempt} attempts in 20 s: ${String(error)}`);
          } finally {
            holder.child.kill('SIGKILL');
            await holder.exited;
          }
        }
        assert.equal(
          (await queryFile(dbPath, 'SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"'))[0].n,
          ids.length,
        );
      } finally {
        cleanup();
      }
    },
  );

  it('refuses a file written by a newer schema instead of guessing', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('manager-newer');
    const dbPath = path.join(dir, 'user.db');
    const first = createManager();
    try {
      await new MemoryStore(first.manager, dbPath).listOrchestrators();
      await first.manager.closeAll();
      await queryFile(dbPath, 'INSERT INTO schema_migrations VALUES (999, now()::TIMESTAMP) RETURNING version');
      const { manager } = createManager();
      const error = await new MemoryStore(manager, dbPath).listOrchestrators().then(
        () => assert.fail('must refuse'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof DomainError);
      assert.equal(error.kind, 'DatabaseUnavailable');
      assert.equal(error.data?.reason, 'schema_too_new');
      await manager.closeAll();
    } finally {
      cleanup();
    }
  });
});
