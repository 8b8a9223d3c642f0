// results/compare pairs two runs' prompts in SQL (MemoryStore.comparedPrompts). The pairing it must give is the one
// comparePrompts states in memory over each run read on its own (comparableResults): occurrence k of a text in the
// base with occurrence k in the head, the base's in its order, then the head's unmatched in its order. Both
// backends, over runs with duplicates, prompts on one side only, one prompt a different number of times, a result
// with no pieces (its objective is its prompt), an outcome this daemon does not know, and identical prompt lists.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { ATTACK_IDENTIFIERS, buildAttackResult } from '../../daemon/memory/attackResults';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import type { PairedPrompt } from '../../daemon/memory/comparableResults';
import { createPieceContext, type PieceContext } from '../../daemon/memory/pyritRecords';
import { comparePrompts } from '../../daemon/orchestrators/compare/compareExecutions';
import { decideOutcome, type AttackOutcome } from '../../domain/attackOutcome';
import { memoryBackends } from './memoryBackends';
import { judgedExchange } from './memoryTestKit';

/** What one result of a run is: a prompt and how it ended; `noPieces` stores the result alone (its objective). */
interface StoredPrompt {
  prompt: string;
  outcome: AttackOutcome | 'retired';
  noPieces?: true;
}

const JAILBROKEN = { scorer: 'SubStringScorer', value: true } as const;
const HELD = { scorer: 'SubStringScorer', value: false } as const;

function contextOf(executionId: string): PieceContext {
  return createPieceContext({ labels: { orchestrator_id: 'o', execution_id: executionId } });
}

function resultWithoutPieces(context: PieceContext, promptIndex: number, objective: string) {
  return buildAttackResult({
    executionId: context.executionId ?? '',
    promptIndex,
    conversationId: randomUUID(),
    objective,
    attack: { ...ATTACK_IDENTIFIERS.redTeaming, id: 'o' },
    lastResponseId: null,
    decision: decideOutcome({ response_error: 'none', scores: [], aggregator: 'OR' }),
    executedTurns: 0,
    executionTimeMs: 0,
    labelsJson: context.labelsJson,
  });
}

/**
 * Stores a run, last prompt first: the pairing must follow prompt_index, not the order rows were written in. An
 * outcome 'retired' is stored in place of a failure, as a newer daemon's value this one does not know.
 */
async function writeRun(store: MemoryStore, prompts: StoredPrompt[]): Promise<string> {
  const executionId = randomUUID();
  const context = contextOf(executionId);
  for (let promptIndex = prompts.length - 1; promptIndex >= 0; promptIndex--) {
    const { prompt, outcome, noPieces } = prompts[promptIndex];
    if (noPieces) {
      assert.equal(outcome, 'undetermined', 'a result without pieces is stored undetermined here');
      await store.addExchange({ pieces: [], attackResult: resultWithoutPieces(context, promptIndex, prompt) });
      continue;
    }
    const exchange = judgedExchange(context, {
      prompt,
      response: outcome === 'error' ? 'HTTP 503' : 'r',
      promptIndex,
      responseError: outcome === 'error' ? 'unknown' : 'none',
      scores: outcome === 'success' ? [JAILBROKEN] : outcome === 'undetermined' ? [] : [HELD],
    });
    if (outcome === 'retired') exchange.attackResult.row.outcome = outcome;
    await store.addExchange(exchange);
  }
  return executionId;
}

/** comparePrompts over each run read on its own: the pairing the SQL must reproduce. */
async function pairedInMemory(store: MemoryStore, baseId: string, headId: string): Promise<PairedPrompt[]> {
  const items = async (executionId: string) =>
    (await store.comparableResults(executionId)).map(({ prompt, outcome }) => ({ prompt, outcome }));
  const { prompts } = comparePrompts(await items(baseId), await items(headId));
  return prompts.map(({ prompt, base, head }) => ({ prompt, base, head }));
}

const pair = (prompt: string, base: AttackOutcome | null, head: AttackOutcome | null): PairedPrompt => ({
  prompt,
  base,
  head,
});

for (const backendUnderTest of memoryBackends()) {
  async function withStore(run: (store: MemoryStore) => Promise<void>) {
    const { backend, dbPath, close } = await backendUnderTest.open();
    try {
      await run(new MemoryStore(backend, dbPath));
    } finally {
      await close();
    }
  }

  describe(`compared prompts, paired in SQL (${backendUnderTest.name})`, { skip: backendUnderTest.skip }, () => {
    it(
      'pairs duplicates occurrence by occurrence, base order first, then what only the head has',
      { timeout: 30_000 },
      () =>
        withStore(async (store) => {
          const baseId = await writeRun(store, [
            { prompt: 'a', outcome: 'success' },
            { prompt: 'dup', outcome: 'failure' },
            { prompt: 'only in base', outcome: 'failure' },
            { prompt: 'dup', outcome: 'success' },
            { prompt: 'thrice in head', outcome: 'failure' },
            { prompt: 'shared', outcome: 'error' },
            { prompt: 'dup', outcome: 'failure' },
            { prompt: 'newer outcome', outcome: 'retired' },
            { prompt: 'objective only', outcome: 'undetermined', noPieces: true },
          ]);
          const headId = await writeRun(store, [
            { prompt: 'dup', outcome: 'success' },
            { prompt: 'only in head', outcome: 'success' },
            { prompt: 'thrice in head', outcome: 'success' },
            { prompt: 'a', outcome: 'failure' },
            { prompt: 'thrice in head', outcome: 'failure' },
            { prompt: 'thrice in head', outcome: 'undetermined' },
            { prompt: 'shared', outcome: 'success' },
            { prompt: 'newer outcome', outcome: 'failure' },
            { prompt: 'objective only', outcome: 'success' },
          ]);
          const paired = await store.comparedPrompts(baseId, headId);
          assert.deepEqual(paired, [
            pair('a', 'success', 'failure'),
            pair('dup', 'failure', 'success'),
            pair('only in base', 'failure', null),
            pair('dup', 'success', null),
            pair('thrice in head', 'failure', 'success'),
            pair('shared', 'error', 'success'),
            pair('dup', 'failure', null),
            pair('newer outcome', 'undetermined', 'failure'),
            pair('objective only', 'undetermined', 'success'),
            pair('only in head', null, 'success'),
            pair('thrice in head', null, 'failure'),
            pair('thrice in head', null, 'undetermined'),
          ]);
          assert.deepEqual(paired, await pairedInMemory(store, baseId, headId));
          // The other way round, the head's extra occurrences are the base's now.
          assert.deepEqual(await store.comparedPrompts(headId, baseId), await pairedInMemory(store, headId, baseId));
        }),
    );

    it('pairs two runs of one prompt list place by place, and a run with itself', { timeout: 30_000 }, () =>
      withStore(async (store) => {
        const prompts = ['a', 'dup', 'b', 'dup', 'c'];
        const outcomes: AttackOutcome[] = ['success', 'failure', 'error', 'undetermined', 'success'];
        const baseId = await writeRun(
          store,
          prompts.map((prompt, index) => ({ prompt, outcome: outcomes[index] })),
        );
        const headId = await writeRun(
          store,
          prompts.map((prompt, index) => ({ prompt, outcome: outcomes[(index + 1) % outcomes.length] })),
        );
        const paired = await store.comparedPrompts(baseId, headId);
        assert.deepEqual(
          paired,
          prompts.map((prompt, index) => pair(prompt, outcomes[index], outcomes[(index + 1) % outcomes.length])),
        );
        assert.deepEqual(paired, await pairedInMemory(store, baseId, headId));
        assert.deepEqual(
          await store.comparedPrompts(baseId, baseId),
          prompts.map((prompt, index) => pair(prompt, outcomes[index], outcomes[index])),
        );
      }),
    );

    it('pairs a run with one that stored nothing: every prompt is missing on that side', { timeout: 30_000 }, () =>
      withStore(async (store) => {
        const runId = await writeRun(store, [
          { prompt: 'x', outcome: 'success' },
          { prompt: 'x', outcome: 'failure' },
        ]);
        const emptyId = randomUUID();
        assert.deepEqual(await store.comparedPrompts(runId, emptyId), [
          pair('x', 'success', null),
          pair('x', 'failure', null),
        ]);
        assert.deepEqual(await store.comparedPrompts(emptyId, runId), await pairedInMemory(store, emptyId, runId));
        assert.deepEqual(await store.comparedPrompts(emptyId, emptyId), []);
      }),
    );
  });
}
