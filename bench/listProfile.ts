// Where a `results/list` page's time goes, in process: a 2,000-prompt judged run written through MemoryStore,
// then each page of 50 timed, and each of its queries timed alone (DuckDB's own time per query).
//   node --import tsx bench/listProfile.ts [thread|main]
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { duckdbMemory } from '../daemon/memory/duckdbMemory';
import { MemoryStore } from '../daemon/memory/memoryStore';
import type { SqlReader, SqlValue } from '../daemon/memory/sqlSession';
import { executionContext, judgedExchange } from '../test/memory/memoryTestKit';

const PROMPTS = 2_000;

async function main(): Promise<void> {
  const onThread = process.argv[2] !== 'main';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-list-profile-'));
  const memory = duckdbMemory(onThread, { connectTimeoutMs: 30_000, maxRetries: 0, idleCloseMs: 0 });
  const store = new MemoryStore(memory, path.join(dir, 'pyrit_memory.db'));
  const executionId = randomUUID();
  const context = executionContext(executionId);
  try {
    await Promise.all(
      Array.from({ length: PROMPTS }, (_, index) => {
        const exchange = judgedExchange(context, {
          prompt: `list bench prompt ${index}`,
          response: `list bench prompt ${index}`,
          promptIndex: index,
          scores: [{ scorer: 'SelfAskRefusalScorer', value: index % 3 === 0 }],
        });
        return store.addExchange({
          pieces: exchange.pieces,
          scores: exchange.scores,
          attackResult: exchange.attackResult,
        });
      }),
    );
    const timings: number[] = [];
    for (let walk = 0; walk < 5; walk++) {
      let after: { sortNumber: number; sortText: string; promptIndex: number } | undefined;
      do {
        const started = performance.now();
        const page = await store.listAttackResults(executionId, {
          limit: 50,
          after,
          sort: 'prompt',
          maxBytes: 16 << 20,
        });
        await store.supersededConversations(executionId);
        timings.push(performance.now() - started);
        after = page.next ?? undefined;
      } while (after !== undefined);
    }
    timings.sort((a, b) => a - b);
    console.log(`page p50 ${timings[Math.floor(timings.length / 2)].toFixed(2)} ms over ${timings.length} pages`);
    // Each query of a page alone, through a reader that times them.
    const times = new Map<string, number[]>();
    const timed = (reader: SqlReader): SqlReader => ({
      dialect: reader.dialect,
      async query(sql: string, params?: readonly SqlValue[]) {
        const started = performance.now();
        const rows = await reader.query(sql, params);
        const key = sql.replace(/\s+/g, ' ').slice(0, 90);
        (times.get(key) ?? times.set(key, []).get(key)!).push(performance.now() - started);
        return rows;
      },
    });
    const { listAttackResults } = await import('../daemon/memory/attackResultQueries');
    for (let round = 0; round < 40; round++)
      await memory.read(store.dbPath, (reader) =>
        listAttackResults(timed(reader), executionId, {
          limit: 50,
          after: { sortNumber: 0, sortText: '', promptIndex: round * 49 },
          sort: 'prompt',
          maxBytes: 16 << 20,
        }),
      );
    for (const [sql, list] of times) {
      list.sort((a, b) => a - b);
      console.log(`${list[Math.floor(list.length / 2)].toFixed(2)} ms  ${sql}`);
    }
  } finally {
    await memory.closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
