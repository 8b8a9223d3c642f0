// Schema 9 keeps each attack result's request piece and converter chain on its index row, set when the result is
// written; migration 9 fills them for results stored before. Both must give results/summary and results/compare the
// same answers. Here a run is written fresh (the store's paths: an exchange that holds its request, a multi-turn
// result whose answer came in an earlier exchange, a result with no answer, one with no pieces at all, a retried
// prompt), its answers read; then the file is taken back to schema 8 (the columns dropped) and opened again, so that
// migration 9 backfills it, and the answers are read again. Both backends.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { ATTACK_IDENTIFIERS, buildAttackResult } from '../../daemon/memory/attackResults';
import type { MemoryBackend } from '../../daemon/memory/memoryBackend';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { buildPiece, createPieceContext, type PieceContext } from '../../daemon/memory/pyritRecords';
import { NO_CONVERTER } from '../../daemon/memory/attackResultSummary';
import { decideOutcome } from '../../domain/attackOutcome';
import { memoryBackends, postgresBackend, testDatabase } from './memoryBackends';
import { createManager, judgedExchange } from './memoryTestKit';

function contextWith(executionId: string, converters: string[]): PieceContext {
  return createPieceContext({
    labels: { orchestrator_id: 'o', execution_id: executionId },
    converters: converters.map((name) => ({ __type__: name, __module__: 'pyrit.prompt_converter' })),
  });
}

const JAILBROKEN = { scorer: 'SubStringScorer', value: true } as const;
const HELD = { scorer: 'RefusalPhraseScorer', value: true, trueMeans: 'held', category: 'refusal' } as const;

/** A multi-turn objective's result, stored with `pieces` (possibly none: its turns went in earlier exchanges). */
function multiTurnResult(
  context: PieceContext,
  input: { promptIndex: number; objective: string; conversationId: string; lastResponseId: string | null },
) {
  return buildAttackResult({
    executionId: context.executionId ?? '',
    promptIndex: input.promptIndex,
    conversationId: input.conversationId,
    objective: input.objective,
    attack: { ...ATTACK_IDENTIFIERS.redTeaming, id: 'o' },
    lastResponseId: input.lastResponseId,
    decision: decideOutcome({ response_error: 'none', scores: [], aggregator: 'OR' }),
    executedTurns: 2,
    executionTimeMs: 10,
    labelsJson: context.labelsJson,
  });
}

/** Writes one run through every path of MemoryStore.addExchange that stores an attack result. */
async function writeRun(store: MemoryStore, executionId: string): Promise<void> {
  const base64 = contextWith(executionId, ['Base64Converter']);
  const stacked = contextWith(executionId, ['Base64Converter', 'ROT13Converter']);
  const plain = contextWith(executionId, []);
  // prompt_sending: each exchange holds its request and answer.
  await store.addExchange(
    judgedExchange(base64, { prompt: 'p0', response: 'Sure', promptIndex: 0, scores: [JAILBROKEN] }),
  );
  await store.addExchange(judgedExchange(stacked, { prompt: 'p1', response: 'No', promptIndex: 1, scores: [HELD] }));
  await store.addExchange(
    judgedExchange(plain, { prompt: 'p2', response: 'HTTP 503', promptIndex: 2, responseError: 'unknown' }),
  );

  // A multi-turn objective: two turns in two exchanges; its result, in a third exchange of its own, is judged by
  // the first answer (as TAP's best branch can be), so the request is in memory, not in the exchange.
  const conversationId = randomUUID();
  const turn = (sequence: number, role: 'user' | 'assistant', value: string) =>
    buildPiece(stacked, { role, conversationId, sequence, originalValue: value, promptKey: '3' });
  const firstAnswer = turn(1, 'assistant', 'a0');
  await store.addExchange({ pieces: [turn(0, 'user', 'turn 0'), firstAnswer] });
  await store.addExchange({ pieces: [turn(2, 'user', 'turn 1'), turn(3, 'assistant', 'a1')] });
  await store.addExchange({
    pieces: [],
    attackResult: multiTurnResult(stacked, {
      promptIndex: 3,
      objective: 'objective 3',
      conversationId,
      lastResponseId: firstAnswer.id,
    }),
  });
  // No answer judged (every branch failed): the conversation's first user turn is the request.
  const unanswered = randomUUID();
  await store.addExchange({
    pieces: [
      buildPiece(base64, { role: 'system', conversationId: unanswered, sequence: 0, originalValue: 'be nice' }),
      buildPiece(base64, { role: 'user', conversationId: unanswered, sequence: 1, originalValue: 'turn 0 of 4' }),
    ],
  });
  await store.addExchange({
    pieces: [],
    attackResult: multiTurnResult(base64, {
      promptIndex: 4,
      objective: 'objective 4',
      conversationId: unanswered,
      lastResponseId: null,
    }),
  });
  // Nothing stored at all (pruned before the target was asked): compare shows the objective.
  await store.addExchange({
    pieces: [],
    attackResult: multiTurnResult(plain, {
      promptIndex: 5,
      objective: 'objective 5',
      conversationId: randomUUID(),
      lastResponseId: null,
    }),
  });
  // A retried error: its result moves to the new exchange, sent through another chain.
  const failed = judgedExchange(plain, {
    prompt: 'p6',
    response: 'HTTP 503',
    promptIndex: 6,
    responseError: 'unknown',
  });
  await store.addExchange(failed);
  await store.addExchange({
    ...judgedExchange(base64, { prompt: 'p6', response: 'Sure', promptIndex: 6, scores: [JAILBROKEN] }),
    supersedes: failed.attackResult.row.id,
  });
}

async function answers(store: MemoryStore, executionId: string) {
  return { summary: await store.summarize(executionId), compare: await store.comparableResults(executionId) };
}

/** Takes the user's memory back to schema 8: migration 9's columns and its row gone, as an older daemon left it. */
async function backToSchema8(backend: MemoryBackend, dbPath: string): Promise<void> {
  await backend.transaction(dbPath, async (transaction) => {
    await transaction.run('ALTER TABLE execution_attack_results DROP COLUMN request_piece_id');
    await transaction.run('ALTER TABLE execution_attack_results DROP COLUMN converter_types');
    await transaction.run('DELETE FROM schema_migrations WHERE version = 9');
  });
}

for (const backendUnderTest of memoryBackends()) {
  /** A second backend on the same user's memory (the first one closed): what a restarted daemon opens. */
  async function reopened(): Promise<MemoryBackend> {
    if (backendUnderTest.name !== 'PostgreSQL') return createManager().manager;
    return postgresBackend((await testDatabase()).url);
  }

  describe(`attack results' requests (${backendUnderTest.name})`, { skip: backendUnderTest.skip }, () => {
    it(
      'answers results/summary and results/compare the same after migration 9 as when written',
      { timeout: 60_000 },
      async () => {
        const { backend, dbPath, close } = await backendUnderTest.open();
        const executionId = randomUUID();
        let fresh: Awaited<ReturnType<typeof answers>>;
        let again: MemoryBackend | undefined;
        try {
          const store = new MemoryStore(backend, dbPath);
          await writeRun(store, executionId);
          fresh = await answers(store, executionId);
          await backToSchema8(backend, dbPath);
          await backend.closeAll();
          again = await reopened();
          const migrated = await answers(new MemoryStore(again, dbPath), executionId);
          assert.deepEqual(migrated, fresh);
        } finally {
          await again?.closeAll();
          await close();
        }

        // And what they say is what a user would read off the run.
        assert.deepEqual(
          fresh.compare.map(({ prompt, outcome }) => [prompt, outcome]),
          [
            ['p0', 'success'],
            ['p1', 'failure'],
            ['p2', 'error'],
            ['turn 0', 'undetermined'],
            ['turn 0 of 4', 'undetermined'],
            ['objective 5', 'undetermined'],
            ['p6', 'success'],
          ],
        );
        assert.deepEqual(
          Object.fromEntries(fresh.summary.by_converter.map(({ converter, outcomes }) => [converter, outcomes])),
          {
            Base64: { success: 2, failure: 0, error: 0, undetermined: 1 },
            'Base64 → ROT13': { success: 0, failure: 1, error: 0, undetermined: 1 },
            [NO_CONVERTER]: { success: 0, failure: 0, error: 1, undetermined: 1 },
          },
        );
        assert.deepEqual(fresh.summary.outcomes, { success: 2, failure: 1, error: 1, undetermined: 3 });
      },
    );
  });
}
