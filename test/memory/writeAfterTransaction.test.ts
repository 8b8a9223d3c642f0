// A caller that writes again the moment its transaction is answered: the next job must start a new group commit,
// not wait behind one that has just ended (on PostgreSQL it used to wait forever).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { buildRequestPiece, buildResponsePiece } from '../../daemon/memory/pyritRecords';
import { memoryBackends } from './memoryBackends';
import { executionContext } from './memoryTestKit';

function exchange(key: string) {
  const context = executionContext(randomUUID());
  const request = buildRequestPiece(context, { prompt: `prompt ${key}`, promptKey: key });
  return [request, buildResponsePiece(context, request, { value: `answer ${key}` })];
}

for (const backendUnderTest of memoryBackends()) {
  describe(`group commit (${backendUnderTest.name})`, { skip: backendUnderTest.skip }, () => {
    it('commits a write queued as soon as a transaction is answered', { timeout: 30_000 }, async () => {
      const { backend, dbPath, close } = await backendUnderTest.open();
      try {
        const store = new MemoryStore(backend, dbPath);
        await store.addPieces(exchange('first'));
        for (let round = 0; round < 5; round++) {
          await backend.transaction(dbPath, (transaction) =>
            transaction.run(
              `UPDATE "PromptMemoryEntries" SET converted_value = 'seen' WHERE original_value = 'prompt first'`,
            ),
          );
          // No turn of the event loop in between: the write is queued while the last drain is finishing.
          await store.addPieces(exchange(`after ${round}`));
        }
        const [row] = await backend.read(dbPath, (reader) =>
          reader.query('SELECT count(*)::INTEGER AS n FROM "PromptMemoryEntries"'),
        );
        assert.equal(row.n, 12);
      } finally {
        await close();
      }
    });
  });
}
