import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { buildRequestPiece, buildResponsePiece, type PromptPiece } from '../../daemon/memory/pyritRecords';
import { DomainError } from '../../domain/errors';
import { DuckDBConnection } from '@duckdb/node-api';
import type { DatabaseManager } from '../../daemon/memory/databaseManager';
import type { PieceContext } from '../../daemon/memory/pyritRecords';
import {
  countThrough,
  createManager,
  executionContext,
  judgedExchange,
  queryFile,
  sleep,
  tempDir,
  type JudgedExchange,
} from './memoryTestKit';

function exchange(context = executionContext(), key = '0'): [PromptPiece, PromptPiece] {
  const request = buildRequestPiece(context, {
    prompt: `prompt ${key}`,
    convertedPrompt: `converted ${key}`,
    promptKey: key,
  });
  return [request, buildResponsePiece(context, request, { value: `answer ${key}` })];
}

/** An exchange with its attack result, as the engine writes it; `index` is the prompt's position in the run. */
function judged(context: PieceContext, index: number, scored = false): JudgedExchange {
  return judgedExchange(context, {
    prompt: `prompt ${index}`,
    convertedPrompt: `converted ${index}`,
    response: `answer ${index}`,
    promptIndex: index,
    scores: scored ? [{ scorer: 'SubStringScorer', value: index % 2 === 0 }] : [],
  });
}

/** Conversations of the run stored in the execution index (requests are sequence 0), read through the manager. */
function conversationCount(manager: DatabaseManager, dbPath: string, executionId: string): Promise<number> {
  return countThrough(
    manager,
    dbPath,
    `SELECT count(DISTINCT conversation_id) FROM execution_pieces WHERE execution_id = '${executionId}' AND sequence = 0`,
  );
}

/**
 * Counts the COMMITs every DuckDB connection of this process runs (the group commit writer's transactions), by
 * wrapping DuckDBConnection.run until restore(). Deterministic, unlike timing the writes.
 */
function countCommits(): { readonly count: number; reset(): void; restore(): void } {
  const original = Object.getOwnPropertyDescriptor(DuckDBConnection.prototype, 'run');
  const run = DuckDBConnection.prototype.run;
  let count = 0;
  DuckDBConnection.prototype.run = function (this: DuckDBConnection, ...args: Parameters<DuckDBConnection['run']>) {
    if (args[0].trim().toUpperCase() === 'COMMIT') count++;
    return run.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    restore() {
      if (original) Object.defineProperty(DuckDBConnection.prototype, 'run', original);
    },
  };
}

describe('group commit writer', () => {
  it('stores every acknowledged row exactly once under many concurrent writers', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('group-concurrent');
    const { manager, logs } = createManager({ maxBatchRows: 997 });
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const context = executionContext();
      const executionId = context.executionId ?? '';
      const acked: string[] = [];
      const ackedResults: string[] = [];
      let reads = 0;
      let nextIndex = 0;
      // 64 async tasks, each writing exchanges with their attack results (some awaited one by one, some in
      // bursts) while reads run.
      const writers = Array.from({ length: 64 }, async (_, writer) => {
        for (let round = 0; round < 10; round++) {
          const burst = Array.from({ length: 1 + ((writer * 7 + round) % 13) }, () => judged(context, nextIndex++));
          await Promise.all(
            burst.map(async (written) => {
              await store.addExchange(written);
              acked.push(...written.pieces.map((piece) => piece.id));
              ackedResults.push(written.attackResult.row.id);
            }),
          );
          if (round % 3 === writer % 3) await sleep(1);
        }
      });
      const reader = (async () => {
        for (let index = 0; index < 20; index++) {
          await store.listAttackResults(executionId, { limit: 50, sort: 'prompt' });
          reads++;
        }
      })();
      await Promise.all([...writers, reader]);
      assert.equal(reads, 20);
      assert.equal(manager.stats(store.dbPath).pending_writes, 0);
      assert.ok(!logs.some((line) => line.level === 'error'), JSON.stringify(logs));
      const total = (await store.listAttackResults(executionId, { limit: 1, sort: 'prompt' })).total;
      assert.equal(total * 2, acked.length);
      await manager.closeAll();

      const rows = await queryFile(store.dbPath, 'SELECT id::VARCHAR AS id FROM "PromptMemoryEntries"');
      const stored = rows.map((row) => String(row.id));
      assert.equal(stored.length, acked.length, 'none twice, none missing');
      assert.deepEqual(new Set(stored), new Set(acked));
      const indexRows = await queryFile(store.dbPath, 'SELECT count(*)::INTEGER AS n FROM execution_pieces');
      assert.equal(indexRows[0].n, acked.length, 'the execution index has one row per piece');
      const results = await queryFile(
        store.dbPath,
        `SELECT a.id::VARCHAR AS id FROM "AttackResultEntries" a JOIN execution_attack_results x ON x.attack_result_id = a.id`,
      );
      assert.deepEqual(new Set(results.map((row) => String(row.id))), new Set(ackedResults));
      assert.equal(results.length, ackedResults.length, 'one attack result per acknowledged exchange, none twice');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('groups concurrent callers into few transactions', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('group-batching');
    const { manager } = createManager();
    const commits = countCommits();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      await store.listOrchestrators();
      const context = executionContext();
      // Awaited one by one, every write is its own transaction (and this shows the count sees the writer's COMMITs).
      commits.reset();
      for (let index = 0; index < 100; index++) await store.addPieces(exchange(context, `seq-${index}`));
      assert.equal(commits.count, 100, 'one COMMIT per awaited write');
      // All queued before the writer's next turn, well under the row budget: they share a transaction (two, if the
      // writer had already taken the first arrival alone). How much faster that is, is a figure of the bench
      // (`memory.group_commit_speedup` in bench/memory.ts), not of a test on a shared machine.
      commits.reset();
      await Promise.all(Array.from({ length: 2000 }, (_, index) => store.addPieces(exchange(context, String(index)))));
      assert.ok(commits.count >= 1 && commits.count <= 2, `2000 concurrent writes took ${commits.count} COMMITs`);
      assert.equal(await conversationCount(manager, store.dbPath, context.executionId ?? ''), 2100);
    } finally {
      commits.restore();
      await manager.closeAll();
      cleanup();
    }
  });

  it('splits a burst larger than the row budget into budget-sized transactions', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('group-budget');
    const { manager } = createManager({ maxBatchRows: 1_000 });
    const commits = countCommits();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      await store.listOrchestrators();
      const context = executionContext();
      commits.reset();
      await Promise.all(Array.from({ length: 2000 }, (_, index) => store.addPieces(exchange(context, String(index)))));
      const count = commits.count;
      await manager.closeAll();
      // Rows of every table the writes appended to (pieces and their execution index), read back from the file.
      const [{ n: rows }] = await queryFile(
        path.join(dir, 'user.db'),
        'SELECT ((SELECT count(*) FROM "PromptMemoryEntries") + (SELECT count(*) FROM execution_pieces))::INTEGER AS n',
      );
      const fewest = Math.ceil(Number(rows) / 1_000);
      assert.ok(
        count >= fewest && count <= fewest + 1,
        `${rows} rows under a budget of 1000 rows: ${count} COMMITs, expected ${fewest} (or one more)`,
      );
    } finally {
      commits.restore();
      await manager.closeAll();
      cleanup();
    }
  });

  it('fails only the writer whose rows are bad; the rest of the batch is stored', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('group-culprit');
    const { manager } = createManager();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const context = executionContext();
      const first = judged(context, 0);
      const [firstRequest] = first.pieces;
      await store.addExchange(first);

      const good = Array.from({ length: 20 }, (_, index) => judged(context, index + 1));
      const duplicate = judged(context, 99);
      const duplicateRow = {
        ...duplicate.request,
        row: { ...duplicate.request.row, id: firstRequest.id, original_prompt_id: firstRequest.id },
      };
      const orphanScore = {
        pieceId: randomUUID(),
        scoreType: 'true_false' as const,
        value: true,
        category: 'jailbreak',
        scorer: { __type__: 'SubStringScorer', __module__: 'pyrit.score' },
      };

      const outcomes = await Promise.allSettled([
        ...good.slice(0, 10).map((written) => store.addExchange(written)),
        store.addExchange({ ...duplicate, pieces: [duplicateRow, duplicate.response] }),
        store.addScores([orphanScore]),
        ...good.slice(10).map((written) => store.addExchange(written)),
      ]);
      const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      assert.equal(rejected.length, 2, JSON.stringify(rejected.map((outcome) => String(outcome.reason))));
      const [duplicateError, orphanError] = rejected.map((outcome) => outcome.reason as unknown);
      assert.ok(duplicateError instanceof DomainError && duplicateError.kind === 'Conflict', String(duplicateError));
      assert.ok(orphanError instanceof DomainError && orphanError.kind === 'InvalidParams', String(orphanError));
      assert.match(orphanError.message, /foreign key/i);

      const stored = await store.listAttackResults(context.executionId ?? '', { limit: 100, sort: 'prompt' });
      assert.equal(stored.total, 21, 'the first exchange and the 20 good ones; nothing of the rejected writers');
      assert.deepEqual(
        stored.items.map((item) => item.prompt_index),
        Array.from({ length: 21 }, (_, index) => index),
      );
      assert.equal(
        await countThrough(
          manager,
          store.dbPath,
          `SELECT count(*) FROM "PromptMemoryEntries" WHERE id = '${duplicate.response.id}'`,
        ),
        0,
        "the rejected exchange's response was not stored either",
      );
      assert.equal(manager.stats(store.dbPath).state, 'open', 'bad rows are not a database failure');
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it(
    'finds the culprit in batches fed to the appender while the previous one commits',
    { timeout: 30_000 },
    async () => {
      const { dir, cleanup } = tempDir('group-staged');
      // A small budget splits the burst into many batches, so most are staged behind an in-flight COMMIT.
      const { manager } = createManager({ maxBatchRows: 40 });
      try {
        const store = new MemoryStore(manager, path.join(dir, 'user.db'));
        const context = executionContext();
        const first = judged(context, 0);
        await store.addExchange(first);
        const writes: Promise<void>[] = [];
        const bad = new Set<number>([37, 120, 121, 250]);
        for (let index = 0; index < 300; index++) {
          const written = judged(context, index + 1, true);
          if (bad.has(index)) {
            const [request, response] = written.pieces;
            const duplicate = { ...request, row: { ...request.row, id: first.response.id } };
            writes.push(store.addExchange({ ...written, pieces: [duplicate, response] }));
          } else {
            writes.push(store.addExchange(written));
          }
        }
        const outcomes = await Promise.allSettled(writes);
        outcomes.forEach((outcome, index) =>
          assert.equal(outcome.status, bad.has(index) ? 'rejected' : 'fulfilled', `write ${index}`),
        );
        const page = await store.listAttackResults(context.executionId ?? '', { limit: 500, sort: 'prompt' });
        assert.equal(page.total, 1 + 300 - bad.size);
        assert.equal(page.items.filter((item) => item.scores.length === 1).length, 300 - bad.size);
        assert.deepEqual(
          page.items.filter((item) => bad.has(item.prompt_index - 1)),
          [],
          'a rejected exchange left no attack result',
        );
      } finally {
        await manager.closeAll();
        cleanup();
      }
    },
  );

  it(
    'mixes appends and statements arriving during COMMITs without losing or doubling a row',
    { timeout: 30_000 },
    async () => {
      const { dir, cleanup } = tempDir('group-mixed');
      const { manager } = createManager({ maxBatchRows: 60 });
      try {
        const store = new MemoryStore(manager, path.join(dir, 'user.db'));
        const config = await store.saveOrchestrator({
          name: 'x',
          orchestrator_type: 'prompt_sending',
          parameters: {},
          created_by: 'me',
        });
        const execution = await store.saveExecution({
          orchestrator_id: config.id,
          execution_type: 'prompt_list',
          status: 'running',
          created_by: 'me',
        });
        const context = executionContext(execution.id);
        const writes: Promise<unknown>[] = [];
        let pieces = 0;
        for (let index = 0; index < 400; index++) {
          if (index % 25 === 24) {
            writes.push(store.updateExecution(execution.id, { execution_summary: { done: index } }));
          } else {
            writes.push(store.addPieces(exchange(context, String(index))));
            pieces += 2;
          }
          // Arrive in dribs, so that many land while an earlier batch is committing and get staged.
          if (index % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        const outcomes = await Promise.allSettled(writes);
        assert.deepEqual(
          outcomes.filter((outcome) => outcome.status === 'rejected'),
          [],
        );
        assert.equal((await conversationCount(manager, store.dbPath, execution.id)) * 2, pieces);
        assert.deepEqual((await store.getExecution(execution.id))?.execution_summary, { done: 399 });
        await manager.closeAll();
        const stored = await queryFile(
          store.dbPath,
          'SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS distinct_ids FROM "PromptMemoryEntries"',
        );
        assert.deepEqual(stored, [{ n: pieces, distinct_ids: pieces }]);
      } finally {
        await manager.closeAll();
        cleanup();
      }
    },
  );

  it('commits statements in transactions of their own, apart from the appends around them', async () => {
    const { dir, cleanup } = tempDir('group-apart');
    const { manager } = createManager();
    const commits = countCommits();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const config = await store.saveOrchestrator({
        name: 'x',
        orchestrator_type: 'prompt_sending',
        parameters: {},
        created_by: 'me',
      });
      const context = executionContext();
      commits.reset();
      // Enqueued in one tick, so one drain sees them all: before the statement, the statement, after it.
      const writes = [
        ...Array.from({ length: 10 }, (_, index) => store.addPieces(exchange(context, `before ${index}`))),
        store.saveOrchestrator({ ...config, name: 'renamed' }),
        ...Array.from({ length: 10 }, (_, index) => store.addPieces(exchange(context, `after ${index}`))),
      ];
      await Promise.all(writes);
      // A statement may rewrite a row, which must not run out of space mid-COMMIT (daemon/memory/diskSpace.ts):
      // it is checked and committed alone, and the appends keep their own, unchecked transactions.
      assert.equal(commits.count, 3, `${commits.count} COMMITs`);
      assert.equal((await store.getOrchestrator(config.id))?.name, 'renamed');
      assert.equal(await countThrough(manager, store.dbPath, 'SELECT count(*) FROM "PromptMemoryEntries"'), 40);
    } finally {
      commits.restore();
      await manager.closeAll();
      cleanup();
    }
  });

  it('unbuffers rows staged for a batch that turns out to need a statement', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('group-partial');
    const { manager } = createManager();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const config = await store.saveOrchestrator({
        name: 'x',
        orchestrator_type: 'prompt_sending',
        parameters: {},
        created_by: 'me',
      });
      const execution = await store.saveExecution({
        orchestrator_id: config.id,
        execution_type: 'prompt_list',
        created_by: 'me',
      });
      const context = executionContext(execution.id);
      // A big first batch keeps DuckDB busy committing for a while...
      const big = store.addPieces(
        Array.from({ length: 3_000 }, (_, index) => exchange(context, `big-${index}`)).flat(),
      );
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      // ...meanwhile these are staged into the appenders, and then a statement arrives for the same batch.
      const staged = Array.from({ length: 50 }, (_, index) => store.addPieces(exchange(context, `staged-${index}`)));
      await new Promise((resolve) => setTimeout(resolve, 1));
      const update = store.updateExecution(execution.id, { status: 'completed' });
      const after = store.addPieces(exchange(context, 'after'));
      await Promise.all([big, ...staged, update, after]);
      assert.equal((await store.getExecution(execution.id))?.status, 'completed');
      await manager.closeAll();
      const stored = await queryFile(
        store.dbPath,
        'SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS distinct_ids FROM "PromptMemoryEntries"',
      );
      assert.deepEqual(stored, [{ n: 2 * 3_051, distinct_ids: 2 * 3_051 }]);
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('commits a score with its piece, and after a piece enqueued before it', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('group-fk');
    const { manager } = createManager();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const context = executionContext();
      const scorer = { __type__: 'SubStringScorer', __module__: 'pyrit.score' };
      // Pieces, a True score on the response and the attack result, in one call.
      await store.addExchange(judged(context, 0, true));
      // Not awaited in between: the queue keeps a file's writes in order, so the score finds its piece.
      const later = judged(context, 1);
      const piecesWritten = store.addExchange(later);
      const scoreWritten = store.addScores([
        { pieceId: later.response.id, scoreType: 'float_scale', value: 0.25, category: 'c', scorer },
      ]);
      await Promise.all([piecesWritten, scoreWritten]);
      const page = await store.listAttackResults(context.executionId ?? '', { limit: 10, sort: 'prompt' });
      assert.deepEqual(
        page.items.map((item) => item.scores.map((score) => score.score_value)),
        [['True'], ['0.25']],
      );
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it('reads do not wait for a long write queue', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir('group-reads');
    const { manager } = createManager({ maxBatchRows: 4_000 });
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const config = await store.saveOrchestrator({
        name: 'x',
        orchestrator_type: 'prompt_sending',
        parameters: {},
        created_by: 'me',
      });
      const context = executionContext();
      const queued = Array.from({ length: 20_000 }, (_, index) => store.addPieces(exchange(context, String(index))));
      const writes = Promise.all(queued);
      // Once the first batch has committed, the writer is mid-queue: the read now competes with its COMMITs.
      await queued[0];
      assert.ok(manager.stats(store.dbPath).pending_writes > 0, 'writes are still queued when the read starts');
      const read = await store.getOrchestrator(config.id);
      assert.equal(read?.name, 'x');
      assert.ok(manager.stats(store.dbPath).pending_writes > 0, 'the read finished while writes were still queued');
      await writes;
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });
});
