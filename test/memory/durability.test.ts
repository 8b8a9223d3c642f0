import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createManager, runFixture, sleep, tempDir } from './memoryTestKit';
import { MemoryStore } from '../../daemon/memory/memoryStore';

const KILLS = 5;

describe('durability', () => {
  it(`keeps every acknowledged write across ${KILLS} SIGKILLs at random moments`, { timeout: 120_000 }, async () => {
    const { dir, cleanup } = tempDir('durability');
    const dbPath = path.join(dir, 'user.db');
    const logPath = path.join(dir, 'acked.log');
    try {
      for (let round = 0; round < KILLS; round++) {
        const writer = runFixture('durableWriter', [dbPath, logPath]);
        try {
          await writer.waitForLine((line) => line === 'writing', 60_000);
          // Somewhere between "just started" and "well into checkpoints of a large WAL".
          await sleep(50 + Math.floor(Math.random() * 1_500));
        } finally {
          writer.child.kill('SIGKILL');
        }
        const exit = await writer.exited;
        assert.equal(exit.signal, 'SIGKILL', `round ${round}: the writer died on its own: ${writer.stderr()}`);
      }

      // A torn last line is a write that was acknowledged but not fully logged; it proves nothing either way.
      const logged = fs
        .readFileSync(logPath, 'utf8')
        .split('\n')
        .map((line) => line.split(' '))
        .filter((ids) => ids.length === 4 && ids.every((id) => id.length === 36));
      // Few acknowledgements on a loaded machine are fine; none would mean the test proved nothing.
      assert.ok(logged.length >= 10, `only ${logged.length} exchanges were acknowledged`);

      const { manager } = createManager();
      try {
        const store = new MemoryStore(manager, dbPath);
        const found = await manager.readDuckDB(store.dbPath, async (connection) => {
          const pieces = (
            await connection.runAndReadAll('SELECT id::VARCHAR AS id FROM "PromptMemoryEntries"')
          ).getRows();
          const scores = (await connection.runAndReadAll('SELECT id::VARCHAR AS id FROM "ScoreEntries"')).getRows();
          // Each result with the response and the score it says it rests on, if those are stored.
          const results = (
            await connection.runAndReadAll(
              `SELECT a.id::VARCHAR AS id, p.id IS NOT NULL AS has_response, s.id IS NOT NULL AS has_score
               FROM "AttackResultEntries" a JOIN execution_attack_results x ON x.attack_result_id = a.id
                 LEFT JOIN "PromptMemoryEntries" p ON p.id = a.last_response_id AND p.conversation_id = a.conversation_id
                 LEFT JOIN "ScoreEntries" s ON s.id = a.automated_score_id`,
            )
          ).getRowObjectsJson();
          return {
            pieces: pieces.map((row) => String(row[0])),
            scores: scores.map((row) => String(row[0])),
            results,
          };
        });
        const pieces = new Set(found.pieces);
        const scores = new Set(found.scores);
        const results = new Set(found.results.map((row) => String(row.id)));
        assert.equal(pieces.size, found.pieces.length, 'no piece stored twice');
        assert.equal(results.size, found.results.length, 'no attack result stored twice');
        const missing = logged.filter(
          ([request, response, score, result]) =>
            !pieces.has(request) || !pieces.has(response) || !scores.has(score) || !results.has(result),
        );
        assert.deepEqual(missing, [], `${missing.length} of ${logged.length} acknowledged exchanges are missing`);
        // An exchange is one transaction: never a response without its score or result, nor a score or a result
        // without its pieces.
        assert.equal(found.pieces.length, found.scores.length * 2);
        assert.equal(found.results.length, found.scores.length);
        const dangling = found.results.filter((row) => row.has_response !== true);
        assert.deepEqual(dangling, [], 'every attack result points at a stored response of its conversation');
        // A False substring score is a held, also the deciding score: every result here rests on a stored score.
        assert.deepEqual(
          found.results.filter((row) => row.has_score !== true),
          [],
        );
      } finally {
        await manager.closeAll();
      }
    } finally {
      cleanup();
    }
  });
});
