import { DuckDBAppender } from '@duckdb/node-api';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import type { DatabaseManager } from '../../daemon/memory/databaseManager';
import { buildRequestPiece, buildResponsePiece, type PromptPiece } from '../../daemon/memory/pyritRecords';
import { SLICE_ROWS } from '../../daemon/memory/writeSlices';
import { createManager, executionContext, tempDir } from './memoryTestKit';

/** A promise and the function that settles it: a read that holds its connection until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('reader connections', () => {
  it('serve a second read while the first still holds its connection', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('readers-two');
    const { manager } = createManager({ maxReaders: 2 });
    const dbPath = path.join(dir, 'user.db');
    try {
      await manager.open(dbPath);
      const held = gate();
      const entered = gate();
      const slow = manager.readDuckDB(dbPath, async (connection) => {
        entered.open();
        await held.opened;
        return (await connection.runAndReadAll('SELECT 1 AS one')).getRowObjectsJson();
      });
      await entered.opened;
      // With one reader this would wait for `slow`, which waits for this test: it would never finish.
      const quick = await manager.readDuckDB(dbPath, async (connection) =>
        (await connection.runAndReadAll('SELECT 2 AS two')).getRowObjectsJson(),
      );
      assert.deepEqual(quick, [{ two: 2 }]);
      assert.equal(manager.stats(dbPath).active_connections, 3, 'the writer and two readers');
      held.open();
      assert.deepEqual(await slow, [{ one: 1 }]);
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('never opens more than the configured readers; the next read waits its turn', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('readers-bound');
    const { manager } = createManager({ maxReaders: 2 });
    const dbPath = path.join(dir, 'user.db');
    try {
      await manager.open(dbPath);
      const held = gate();
      const entered = [gate(), gate()];
      const holders = entered.map((inside) =>
        manager.readDuckDB(dbPath, async () => {
          inside.open();
          await held.opened;
          return 'held';
        }),
      );
      await Promise.all(entered.map((inside) => inside.opened));
      let thirdRan = false;
      const third = manager.readDuckDB(dbPath, async () => {
        thirdRan = true;
        return 'third';
      });
      // Both readers are held: the third read cannot have started, whatever the scheduling.
      assert.equal(thirdRan, false);
      assert.equal(manager.stats(dbPath).active_connections, 3);
      held.open();
      assert.deepEqual(await Promise.all([...holders, third]), ['held', 'held', 'third']);
      assert.equal(manager.stats(dbPath).active_connections, 3, 'no third reader was created');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });
});

/**
 * Counts the rows DuckDB's appender takes in each turn of the event loop (a turn ends when a setImmediate
 * callback runs), by wrapping the appender's endRow until restore().
 */
function rowsPerTurn(): { most: () => number; restore: () => void } {
  let turn = 0;
  let spinning = true;
  const spin = (): void => {
    turn++;
    if (spinning) setImmediate(spin);
  };
  setImmediate(spin);
  const counts = new Map<number, number>();
  const endRow = Object.getOwnPropertyDescriptor(DuckDBAppender.prototype, 'endRow');
  const original = DuckDBAppender.prototype.endRow;
  DuckDBAppender.prototype.endRow = function (this: DuckDBAppender) {
    counts.set(turn, (counts.get(turn) ?? 0) + 1);
    original.call(this);
  };
  return {
    most: () => Math.max(0, ...counts.values()),
    restore: () => {
      spinning = false;
      if (endRow) Object.defineProperty(DuckDBAppender.prototype, 'endRow', endRow);
    },
  };
}

function exchanges(count: number, prefix: string): PromptPiece[][] {
  const context = executionContext();
  return Array.from({ length: count }, (_, index) => {
    const request = buildRequestPiece(context, { prompt: `${prefix} ${index}`, promptKey: String(index) });
    return [request, buildResponsePiece(context, request, { value: `reply ${index}` })];
  });
}

async function storedPieces(manager: DatabaseManager, dbPath: string): Promise<unknown> {
  return manager.readDuckDB(dbPath, async (connection) =>
    (await connection.runAndReadAll('SELECT count(*)::INTEGER FROM "PromptMemoryEntries"')).getRows(),
  );
}

describe('the group commit writer and the event loop', () => {
  it('appends one large job a slice of rows per turn of the event loop', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('writer-slices');
    const { manager } = createManager();
    const dbPath = path.join(dir, 'user.db');
    const store = new MemoryStore(manager, dbPath);
    try {
      await manager.open(dbPath);
      // One job of 20,000 pieces and as many execution index rows: appended in one go, all in one turn.
      const pieces = exchanges(10_000, 'big').flat();
      const probe = rowsPerTurn();
      try {
        await store.addPieces(pieces);
      } finally {
        probe.restore();
      }
      assert.ok(probe.most() <= SLICE_ROWS, `${probe.most()} rows were appended in one turn`);
      assert.deepEqual(await storedPieces(manager, dbPath), [[20_000]]);
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('stages exchanges that arrive during a COMMIT a slice per turn too', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('writer-staged-slices');
    // A budget below the burst: the first batch commits while the rest is staged behind it.
    const { manager } = createManager({ maxBatchRows: 4_000 });
    const dbPath = path.join(dir, 'user.db');
    const store = new MemoryStore(manager, dbPath);
    try {
      await manager.open(dbPath);
      await store.addPieces(exchanges(1, 'warm-up')[0]);
      const burst = exchanges(3_000, 'burst');
      const probe = rowsPerTurn();
      try {
        await Promise.all(burst.map((pieces) => store.addPieces(pieces)));
      } finally {
        probe.restore();
      }
      assert.ok(probe.most() <= SLICE_ROWS, `${probe.most()} rows were appended in one turn`);
      assert.deepEqual(await storedPieces(manager, dbPath), [[6_002]]);
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });
});
