import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HUMAN_LABEL_SCORER } from '../../daemon/memory/attackResultWrites';
import type {
  ResultsCursor,
  ResultsQuery,
  ResultsSort,
  StoredAttackResult,
} from '../../daemon/memory/attackResultQueries';
import type { DatabaseManager } from '../../daemon/memory/databaseManager';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import type { AttackOutcome } from '../../domain/attackOutcome';
import { DomainError } from '../../domain/errors';
import { emptyOutcomes } from '../../domain/runFigures';
import {
  countThrough,
  createManager,
  executionContext,
  judgedExchange,
  queryFile,
  tempDir,
  type JudgeInput,
  type JudgedExchange,
} from './memoryTestKit';

interface StoreKit {
  store: MemoryStore;
  manager: DatabaseManager;
  dbPath: string;
  /** Closes this manager and gives a new one on the same file (for direct edits of the file in between). */
  reopen(): Promise<MemoryStore>;
}

async function withStore(prefix: string, run: (kit: StoreKit) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir(prefix);
  const dbPath = path.join(dir, 'user.db');
  let { manager } = createManager();
  const kit: StoreKit = {
    store: new MemoryStore(manager, dbPath),
    manager,
    dbPath,
    async reopen() {
      await manager.closeAll();
      manager = createManager().manager;
      kit.manager = manager;
      kit.store = new MemoryStore(manager, dbPath);
      return kit.store;
    },
  };
  try {
    await run(kit);
  } finally {
    await manager.closeAll();
    cleanup();
  }
}

const PAGE = { limit: 100, sort: 'prompt' } as const;
const JAILBROKEN: JudgeInput = { scorer: 'SubStringScorer', value: true };
const HELD: JudgeInput = { scorer: 'RefusalPhraseScorer', value: true, trueMeans: 'held', category: 'refusal' };

function isKind(kind: string): (error: unknown) => boolean {
  return (error: unknown) => error instanceof DomainError && error.kind === kind;
}

/** Rows of a table through the manager, as the daemon's reader connection sees them. */
async function rowsThrough(manager: DatabaseManager, dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  return manager.readDuckDB(dbPath, async (connection) => (await connection.runAndReadAll(sql)).getRowObjectsJson());
}

function metadataOf(row: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(String(row.attack_metadata)) as Record<string, unknown>;
}

describe('attack results: written with their exchange', () => {
  it(
    'stores one attack result per exchange, pointing at its conversation, answer and deciding score',
    { timeout: 30_000 },
    () =>
      withStore('ar-one', async ({ store, manager, dbPath }) => {
        const context = executionContext();
        const executionId = context.executionId ?? '';
        const written = [
          judgedExchange(context, { prompt: 'a', response: 'Sure: …', promptIndex: 0, scores: [JAILBROKEN] }),
          judgedExchange(context, { prompt: 'b', response: 'I cannot', promptIndex: 1, scores: [HELD] }),
          judgedExchange(context, { prompt: 'c', response: 'ECONNREFUSED', promptIndex: 2, responseError: 'unknown' }),
        ];
        for (const exchange of written) await store.addExchange(exchange);
        const rows = await rowsThrough(
          manager,
          dbPath,
          `SELECT a.id::VARCHAR AS id, a.conversation_id, a.last_response_id::VARCHAR AS last_response_id,
           a.automated_score_id::VARCHAR AS automated_score_id, a.outcome, a.objective, x.execution_id, x.prompt_index
         FROM "AttackResultEntries" a JOIN execution_attack_results x ON x.attack_result_id = a.id ORDER BY x.prompt_index`,
        );
        assert.deepEqual(
          rows,
          written.map((exchange, index) => ({
            id: exchange.attackResult.row.id,
            conversation_id: exchange.request.conversationId,
            last_response_id: exchange.response.id,
            automated_score_id: exchange.scores[0]?.id ?? null,
            outcome: ['success', 'failure', 'error'][index],
            objective: ['a', 'b', 'c'][index],
            execution_id: executionId,
            prompt_index: index,
          })),
        );
        assert.equal(
          await countThrough(manager, dbPath, `SELECT count(*) FROM "ScoreEntries"`),
          2,
          'the error was not scored',
        );
      }),
  );

  it('stores neither the pieces nor the result of an exchange whose write fails', { timeout: 30_000 }, () =>
    withStore('ar-atomic', async ({ store, manager, dbPath }) => {
      const context = executionContext();
      const executionId = context.executionId ?? '';
      const first = judgedExchange(context, { prompt: 'first', response: 'r', promptIndex: 0, scores: [JAILBROKEN] });
      await store.addExchange(first);

      // A request reusing a stored piece's id: the response, the score and the result go with it.
      const pieceClash = judgedExchange(context, { prompt: 'p1', response: 'r1', promptIndex: 1, scores: [HELD] });
      const clashingRequest = {
        ...pieceClash.request,
        row: { ...pieceClash.request.row, id: first.request.id, original_prompt_id: first.request.id },
      };
      // A result reusing a stored result's id: its (valid) pieces go with it.
      const resultClash = judgedExchange(context, { prompt: 'p2', response: 'r2', promptIndex: 2 });
      const clashingResult = {
        ...resultClash.attackResult,
        row: { ...resultClash.attackResult.row, id: first.attackResult.row.id },
        indexRow: { ...resultClash.attackResult.indexRow, attack_result_id: first.attackResult.row.id },
      };
      // A retry naming a result this execution does not have.
      const orphanRetry = judgedExchange(context, { prompt: 'p3', response: 'r3', promptIndex: 3 });
      const good = judgedExchange(context, { prompt: 'p4', response: 'r4', promptIndex: 4 });

      const settled = await Promise.allSettled([
        store.addExchange({ ...pieceClash, pieces: [clashingRequest, pieceClash.response] }),
        store.addExchange({ ...resultClash, attackResult: clashingResult }),
        store.addExchange({ ...orphanRetry, supersedes: randomUUID() }),
        store.addExchange(good),
      ]);
      assert.deepEqual(
        settled.map((outcome) => outcome.status),
        ['rejected', 'rejected', 'rejected', 'fulfilled'],
      );
      const reasons = settled.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as unknown) : null));
      assert.ok(isKind('Conflict')(reasons[0]), String(reasons[0]));
      assert.ok(isKind('Conflict')(reasons[1]), String(reasons[1]));
      assert.ok(isKind('NotFound')(reasons[2]), String(reasons[2]));

      // (The clashing request itself carries the first request's id, which is stored: the first exchange's.)
      const stored = await rowsThrough(manager, dbPath, `SELECT id::VARCHAR AS id FROM "PromptMemoryEntries"`);
      assert.deepEqual(
        new Set(stored.map((row) => row.id)),
        new Set([first.request.id, first.response.id, good.request.id, good.response.id]),
        'no piece of a rejected exchange',
      );
      assert.equal(
        await countThrough(manager, dbPath, `SELECT count(*) FROM "ScoreEntries"`),
        1,
        'only the first exchange had a score stored',
      );
      const page = await store.listAttackResults(executionId, PAGE);
      assert.deepEqual(
        page.items.map((item) => [item.prompt_index, item.conversation_id]),
        [
          [0, first.request.conversationId],
          [4, good.request.conversationId],
        ],
      );
      assert.equal(await countThrough(manager, dbPath, 'SELECT count(*) FROM execution_attack_results'), 2);
    }),
  );
});

describe('attack results: listing', () => {
  it(
    'filters by outcome, label and text (prompt, converted prompt, response; any case); total counts the filtered set',
    { timeout: 30_000 },
    () =>
      withStore('ar-filters', async ({ store }) => {
        const context = executionContext();
        const executionId = context.executionId ?? '';
        const plan: { prompt: string; converted?: string; response: string; judge?: JudgeInput; error?: boolean }[] = [
          { prompt: 'find the Needle here', response: 'ok', judge: JAILBROKEN }, // 0 success, prompt matches
          { prompt: 'plain', converted: 'nEEDLE in the converted prompt', response: 'no', judge: HELD }, // 1 failure
          { prompt: 'plain', response: 'a NEEDLE in the answer', judge: JAILBROKEN }, // 2 success, response
          { prompt: 'haystack', response: 'timeout', error: true }, // 3 error
          { prompt: 'haystack', response: 'nothing' }, // 4 undetermined
          { prompt: 'haystack', response: 'refused', judge: HELD }, // 5 failure
        ];
        const written: JudgedExchange[] = [];
        for (const [index, step] of plan.entries()) {
          const exchange = judgedExchange(context, {
            prompt: step.prompt,
            convertedPrompt: step.converted,
            response: step.response,
            promptIndex: index,
            responseError: step.error === true ? 'unknown' : 'none',
            scores: step.judge === undefined ? [] : [step.judge],
          });
          written.push(exchange);
          await store.addExchange(exchange);
        }
        // Another run with the same words: never in this run's pages.
        const other = executionContext();
        await store.addExchange(
          judgedExchange(other, { prompt: 'needle', response: 'needle', promptIndex: 0, scores: [JAILBROKEN] }),
        );
        // A reviewer overrules the refusal scorer on prompt 5.
        const label = { outcome: 'success', note: 'it leaked', reviewer: 'tam', at: new Date() } as const;
        await store.label(executionId, written[5].attackResult.row.id, label);

        const indexes = async (query: Partial<ResultsQuery>): Promise<{ indexes: number[]; total: number }> => {
          const page = await store.listAttackResults(executionId, { ...PAGE, ...query });
          return { indexes: page.items.map((item) => item.prompt_index), total: page.total };
        };
        assert.deepEqual(await indexes({}), { indexes: [0, 1, 2, 3, 4, 5], total: 6 });
        assert.deepEqual(
          await indexes({ outcomes: ['success'] }),
          { indexes: [0, 2, 5], total: 3 },
          'a label counts as its outcome',
        );
        assert.deepEqual(await indexes({ outcomes: ['failure'] }), { indexes: [1], total: 1 });
        assert.deepEqual(await indexes({ outcomes: ['error', 'undetermined'] }), { indexes: [3, 4], total: 2 });
        assert.deepEqual(
          await indexes({ outcomes: [] }),
          { indexes: [0, 1, 2, 3, 4, 5], total: 6 },
          'no outcome named: all',
        );
        assert.deepEqual(await indexes({ labelled: true }), { indexes: [5], total: 1 });
        assert.deepEqual(await indexes({ labelled: false }), { indexes: [0, 1, 2, 3, 4], total: 5 });
        assert.deepEqual(await indexes({ search: 'needle' }), { indexes: [0, 1, 2], total: 3 });
        assert.deepEqual(await indexes({ search: 'NeEdLe' }), { indexes: [0, 1, 2], total: 3 });
        assert.deepEqual(
          await indexes({ search: 'TIMEOUT' }),
          { indexes: [3], total: 1 },
          'an error text is searched too',
        );
        assert.deepEqual(await indexes({ search: 'needle', outcomes: ['success'] }), { indexes: [0, 2], total: 2 });
        assert.deepEqual(await indexes({ search: 'absent' }), { indexes: [], total: 0 });
        assert.deepEqual(
          await indexes({ search: '' }),
          { indexes: [0, 1, 2, 3, 4, 5], total: 6 },
          'an empty search: all',
        );
        // The total is the filtered set's, whatever the page size.
        assert.deepEqual(await indexes({ search: 'haystack', limit: 1 }), { indexes: [3], total: 3 });
        assert.deepEqual(await indexes({ limit: 0 }), { indexes: [], total: 6 });
      }),
  );

  it(
    'sorts by outcome, scorer and latency, and a cursor walks every result exactly once in each sort',
    { timeout: 120_000 },
    () =>
      withStore('ar-cursor', async ({ store }) => {
        const random = seeded(0x5eed_1234);
        const context = executionContext();
        const executionId = context.executionId ?? '';
        // Few distinct latencies and scorers, so that most sort keys tie and the tie-break is exercised.
        const latencies = [0, 5, 5, 40, 250, 1000];
        const scorers: JudgeInput[] = [
          { scorer: 'SubStringScorer', value: true },
          { scorer: 'SubStringScorer', value: false },
          { scorer: 'RefusalPhraseScorer', value: true, trueMeans: 'held' },
          { scorer: 'RefusalPhraseScorer', value: false, trueMeans: 'held' },
          { scorer: 'SelfAskLikertScorer', value: 0.75, threshold: 0.5 },
          { scorer: 'SelfAskLikertScorer', value: 0.25, threshold: 0.5 },
          { scorer: 'AuditScorer', value: true, objective: false },
        ];
        const written: JudgedExchange[] = [];
        const count = 70;
        // Stored in a shuffled order, so that storage order says nothing about any sort.
        const order = shuffle(
          Array.from({ length: count }, (_, index) => index),
          random,
        );
        for (const index of order) {
          const judges = Array.from(
            { length: Math.floor(random() * 3) },
            () => scorers[Math.floor(random() * scorers.length)],
          );
          const exchange = judgedExchange(context, {
            prompt: `prompt ${index}${random() < 0.3 ? ' with a needle' : ''}`,
            response: `answer ${index}`,
            promptIndex: index,
            responseError: random() < 0.12 ? 'unknown' : 'none',
            scores: judges,
            executionTimeMs: latencies[Math.floor(random() * latencies.length)],
          });
          written[index] = exchange;
          await store.addExchange(exchange);
        }
        await store.addExchange(judgedExchange(executionContext(), { prompt: 'noise', response: 'x', promptIndex: 0 }));
        const labels = new Map<number, AttackOutcome>();
        for (let index = 0; index < count; index++) {
          // An error has nothing to judge: a reviewer cannot label it (see the label tests).
          if (random() >= 0.15 || written[index].attackResult.row.outcome === 'error') continue;
          const outcome = random() < 0.5 ? 'success' : 'failure';
          labels.set(index, outcome);
          await store.label(executionId, written[index].attackResult.row.id, {
            outcome,
            note: null,
            reviewer: 'r',
            at: new Date(),
          });
        }

        // What the stored rows say each result's sort keys are (the outcome as decided, then as labelled).
        const scorerOf = new Map<string, string>();
        for (const exchange of written)
          for (const score of exchange.scores) scorerOf.set(score.id ?? '', score.scorer.__type__);
        const facts = written.map((exchange, index) => {
          const row = exchange.attackResult.row;
          return {
            index,
            outcome: labels.get(index) ?? (row.outcome as AttackOutcome),
            latency: row.execution_time_ms,
            scorer: row.automated_score_id === null ? null : (scorerOf.get(row.automated_score_id) ?? null),
            labelled: labels.has(index),
            needle: exchange.request.row.original_value.includes('needle'),
          };
        });
        const rank: Record<AttackOutcome, number> = { success: 0, failure: 1, undetermined: 2, error: 3 };
        type Fact = (typeof facts)[number];
        const comparators: Record<ResultsSort, (a: Fact, b: Fact) => number> = {
          prompt: () => 0,
          outcome: (a, b) => rank[a.outcome] - rank[b.outcome],
          latency: (a, b) => b.latency - a.latency,
          scorer: (a, b) =>
            a.scorer === b.scorer ? 0 : a.scorer === null ? 1 : b.scorer === null ? -1 : a.scorer < b.scorer ? -1 : 1,
        };
        const filters: { name: string; query: Partial<ResultsQuery>; keep: (fact: Fact) => boolean }[] = [
          { name: 'all', query: {}, keep: () => true },
          {
            name: 'judged',
            query: { outcomes: ['success', 'failure'] },
            keep: (f) => f.outcome === 'success' || f.outcome === 'failure',
          },
          { name: 'labelled', query: { labelled: true }, keep: (f) => f.labelled },
          {
            name: 'needle, not error',
            query: { search: 'NEEDLE', outcomes: ['success', 'failure', 'undetermined'] },
            keep: (f) => f.needle && f.outcome !== 'error',
          },
        ];
        // The data must make every sort and filter mean something, or the walk below proves little.
        assert.ok(new Set(facts.map((fact) => fact.outcome)).size === 4, 'every outcome occurs');
        assert.ok(
          labels.size >= 3 && facts.some((fact) => fact.scorer === null) && facts.some((fact) => fact.scorer !== null),
        );

        for (const sort of ['prompt', 'outcome', 'scorer', 'latency'] as const) {
          for (const filter of filters) {
            const expected = facts
              .filter(filter.keep)
              .sort((a, b) => comparators[sort](a, b) || a.index - b.index)
              .map((fact) => fact.index);
            const what = `sort ${sort}, filter ${filter.name}`;
            const big = await store.listAttackResults(executionId, { ...filter.query, sort, limit: 500 });
            assert.deepEqual(
              big.items.map((item) => item.prompt_index),
              expected,
              `${what}: one big page`,
            );
            assert.equal(big.total, expected.length, `${what}: total`);
            assert.equal(big.next, null);

            const walked: number[] = [];
            let after: ResultsCursor | undefined;
            for (let pages = 0; ; pages++) {
              assert.ok(pages <= expected.length + 1, `${what}: the walk does not end`);
              const limit = 1 + Math.floor(random() * 9);
              const page = await store.listAttackResults(executionId, { ...filter.query, sort, limit, after });
              assert.equal(page.total, expected.length, `${what}: total on every page`);
              assert.ok(page.items.length <= limit);
              walked.push(...page.items.map((item) => item.prompt_index));
              if (page.next === null) break;
              after = page.next;
            }
            assert.deepEqual(walked, expected, `${what}: the cursor walk visits each result once, in order`);
          }
        }
      }),
  );
});

describe('attack results: a reviewer label', () => {
  it('replaces the outcome, keeps the automated one, and is stored as a HumanLabel score', { timeout: 30_000 }, () =>
    withStore('ar-label', async ({ store, manager, dbPath }) => {
      const context = executionContext();
      const executionId = context.executionId ?? '';
      const exchange = judgedExchange(context, { prompt: 'p', response: 'I cannot', promptIndex: 0, scores: [HELD] });
      await store.addExchange(exchange);
      const id = exchange.attackResult.row.id;
      const automatedReason = exchange.attackResult.row.outcome_reason;
      const read = async () => {
        const [row] = await rowsThrough(
          manager,
          dbPath,
          `SELECT outcome, outcome_reason, attack_metadata, human_score_id::VARCHAR AS human_score_id
           FROM "AttackResultEntries" WHERE id = '${id}'`,
        );
        const labels = await rowsThrough(
          manager,
          dbPath,
          `SELECT id::VARCHAR AS id, score_value, score_rationale, prompt_request_response_id::VARCHAR AS piece
           FROM "ScoreEntries" WHERE json_extract_string(scorer_class_identifier, '$.__type__') = '${HUMAN_LABEL_SCORER.__type__}'`,
        );
        return { row, labels };
      };

      const labelled = await store.label(executionId, id, {
        outcome: 'success',
        note: 'the refusal was followed by the recipe',
        reviewer: 'tam',
        at: new Date(),
      });
      assert.deepEqual(labelled, { id, outcome: 'success', automated_outcome: 'failure' });
      let stored = await read();
      assert.equal(stored.row.outcome, 'success');
      assert.equal(metadataOf(stored.row).automated_outcome, 'failure');
      assert.equal(metadataOf(stored.row).automated_outcome_reason, automatedReason);
      assert.equal(stored.labels.length, 1);
      assert.deepEqual(stored.labels[0], {
        id: stored.row.human_score_id,
        score_value: 'True',
        score_rationale: 'the refusal was followed by the recipe',
        piece: exchange.response.id,
      });
      const [item] = (await store.listAttackResults(executionId, PAGE)).items;
      assert.equal(item.outcome, 'success');
      assert.equal(item.automated_outcome, 'failure');
      assert.equal(item.label?.outcome, 'success');
      assert.equal(item.label?.note, 'the refusal was followed by the recipe');
      assert.equal(item.label?.reviewer, 'tam');
      assert.deepEqual(
        item.scores.map((score) => score.scorer),
        ['RefusalPhraseScorer'],
        "the label is not one of the scorers' scores",
      );
      assert.deepEqual((await store.outcomeCounts([executionId])).get(executionId), { ...emptyOutcomes(), success: 1 });

      // A second label replaces the first: one HumanLabel row, the new one.
      const firstScoreId = stored.row.human_score_id;
      await store.label(executionId, id, { outcome: 'failure', note: null, reviewer: 'kim', at: new Date() });
      stored = await read();
      assert.equal(stored.row.outcome, 'failure');
      assert.equal(stored.labels.length, 1);
      assert.notEqual(stored.labels[0].id, firstScoreId);
      assert.equal(stored.labels[0].id, stored.row.human_score_id);
      assert.equal(stored.labels[0].score_value, 'False');
      assert.equal(stored.labels[0].score_rationale, null);

      // Taking it back restores what the scorers said, reason included.
      const cleared = await store.label(executionId, id, null);
      assert.deepEqual(cleared, { id, outcome: 'failure', automated_outcome: 'failure' });
      stored = await read();
      assert.equal(stored.row.human_score_id, null);
      assert.equal(stored.row.outcome, 'failure');
      assert.equal(stored.row.outcome_reason, automatedReason);
      assert.deepEqual(stored.labels, []);
      assert.equal((await store.listAttackResults(executionId, PAGE)).items[0].label, null);

      // Unlabel after a label that flipped the outcome: back to the automated one, not the label's.
      await store.label(executionId, id, { outcome: 'success', note: 'x', reviewer: 'tam', at: new Date() });
      await store.label(executionId, id, null);
      assert.equal((await read()).row.outcome, 'failure');
    }),
  );

  it('labels only a result of the named execution, and never an error', { timeout: 30_000 }, () =>
    withStore('ar-label-scope', async ({ store }) => {
      const mine = executionContext();
      const theirs = executionContext();
      const exchange = judgedExchange(theirs, { prompt: 'p', response: 'r', promptIndex: 0, scores: [HELD] });
      await store.addExchange(exchange);
      await store.addExchange(judgedExchange(mine, { prompt: 'q', response: 'r', promptIndex: 0 }));
      const label = { outcome: 'success', note: null, reviewer: 'r', at: new Date() } as const;
      for (const id of [exchange.attackResult.row.id, randomUUID(), 'not-a-uuid']) {
        await assert.rejects(store.label(mine.executionId ?? '', id, label), isKind('NotFound'), id);
        await assert.rejects(store.label(mine.executionId ?? '', id, null), isKind('NotFound'), id);
      }
      const [item] = (await store.listAttackResults(theirs.executionId ?? '', PAGE)).items;
      assert.equal(item.outcome, 'failure', "the other execution's result is untouched");
      assert.equal(item.label, null);

      // An error has no answer to judge: labelling it is refused and changes nothing; a retry is the way out.
      const errored = judgedExchange(mine, { prompt: 'e', response: 'down', promptIndex: 1, responseError: 'unknown' });
      await store.addExchange(errored);
      await assert.rejects(store.label(mine.executionId ?? '', errored.attackResult.row.id, label), isKind('Conflict'));
      const [, erroredItem] = (await store.listAttackResults(mine.executionId ?? '', PAGE)).items;
      assert.deepEqual([erroredItem.outcome, erroredItem.label], ['error', null]);
      assert.deepEqual(
        await store.label(mine.executionId ?? '', errored.attackResult.row.id, null),
        { id: errored.attackResult.row.id, outcome: 'error', automated_outcome: 'error' },
        'clearing a label that is not there is harmless',
      );
    }),
  );
});

describe('attack results: a retried error', () => {
  it(
    'keeps its id and points at the new exchange; the old one stays in memory, listed as superseded',
    { timeout: 30_000 },
    () =>
      withStore('ar-supersede', async ({ store, manager, dbPath }) => {
        const context = executionContext();
        const executionId = context.executionId ?? '';
        const failed = judgedExchange(context, {
          prompt: 'p',
          response: 'HTTP 503',
          promptIndex: 0,
          responseError: 'unknown',
        });
        await store.addExchange(failed);
        await store.addExchange(judgedExchange(context, { prompt: 'q', response: 'fine', promptIndex: 1 }));
        const id = failed.attackResult.row.id;
        assert.deepEqual((await store.resultKeys(executionId)).get(0), { id, outcome: 'error' });

        const againFailed = judgedExchange(context, {
          prompt: 'p',
          response: 'HTTP 503',
          promptIndex: 0,
          responseError: 'unknown',
        });
        await store.addExchange({ ...againFailed, supersedes: id });
        const retried = judgedExchange(context, {
          prompt: 'p',
          response: 'Sure',
          promptIndex: 0,
          scores: [JAILBROKEN],
        });
        await store.addExchange({ ...retried, supersedes: id });

        const page = await store.listAttackResults(executionId, PAGE);
        assert.equal(page.total, 2, 'still one result per prompt');
        const item = page.items[0];
        assert.equal(item.attack_result_id, id);
        assert.equal(item.conversation_id, retried.request.conversationId);
        assert.equal(item.response?.id, retried.response.id);
        assert.equal(item.response?.converted_value, 'Sure');
        assert.equal(item.outcome, 'success');
        assert.equal(item.automated_outcome, 'success');
        assert.deepEqual(
          item.scores.map((score) => score.id),
          [retried.scores[0].id],
        );
        assert.deepEqual(item.attack_metadata.superseded_conversation_ids, [
          failed.request.conversationId,
          againFailed.request.conversationId,
        ]);
        assert.deepEqual((await store.resultKeys(executionId)).get(0), { id, outcome: 'success' });
        assert.deepEqual((await store.outcomeCounts([executionId])).get(executionId), {
          ...emptyOutcomes(),
          success: 1,
          undetermined: 1,
        });

        const [row] = await rowsThrough(
          manager,
          dbPath,
          `SELECT automated_score_id::VARCHAR AS automated_score_id, last_response_id::VARCHAR AS last_response_id
         FROM "AttackResultEntries" WHERE id = '${id}'`,
        );
        assert.deepEqual(row, { automated_score_id: retried.scores[0].id, last_response_id: retried.response.id });
        assert.equal(await countThrough(manager, dbPath, 'SELECT count(*) FROM "AttackResultEntries"'), 2);
        assert.equal(await countThrough(manager, dbPath, 'SELECT count(*) FROM execution_attack_results'), 2);
        const oldPieces = [failed, againFailed].flatMap((exchange) => [exchange.request.id, exchange.response.id]);
        assert.equal(
          await countThrough(
            manager,
            dbPath,
            `SELECT count(*) FROM "PromptMemoryEntries" WHERE id::VARCHAR IN (${oldPieces.map((piece) => `'${piece}'`).join(', ')})`,
          ),
          4,
          'the error exchanges stay in memory',
        );
      }),
  );
});

describe('attack results: the stored outcome is the one every figure reads', () => {
  it('follows an outcome changed directly in the file; nothing decides it again', { timeout: 30_000 }, () =>
    withStore('ar-direct', async (kit) => {
      const context = executionContext();
      const executionId = context.executionId ?? '';
      const other = executionContext();
      const held = judgedExchange(context, { prompt: 'a', response: 'no', promptIndex: 0, scores: [HELD] });
      const errored = judgedExchange(context, {
        prompt: 'b',
        response: 'down',
        promptIndex: 1,
        responseError: 'unknown',
      });
      for (const exchange of [held, errored]) await kit.store.addExchange(exchange);
      await kit.store.addExchange(
        judgedExchange(other, { prompt: 'c', response: 'no', promptIndex: 0, scores: [HELD] }),
      );
      const before = await kit.store.outcomeCounts([executionId, other.executionId ?? '']);
      assert.deepEqual(before.get(executionId), { ...emptyOutcomes(), failure: 1, error: 1 });

      await kit.manager.closeAll();
      const updated = await queryFile(
        kit.dbPath,
        `UPDATE "AttackResultEntries" SET outcome = CASE id::VARCHAR WHEN '${held.attackResult.row.id}' THEN 'success' ELSE 'undetermined' END
         WHERE id::VARCHAR IN ('${held.attackResult.row.id}', '${errored.attackResult.row.id}') RETURNING id`,
      );
      assert.equal(updated.length, 2);
      const store = await kit.reopen();

      const after = await store.outcomeCounts([executionId, other.executionId ?? '', randomUUID()]);
      assert.deepEqual(after.get(executionId), { ...emptyOutcomes(), success: 1, undetermined: 1 });
      assert.deepEqual(
        after.get(other.executionId ?? ''),
        { ...emptyOutcomes(), failure: 1 },
        'the other run is unchanged',
      );
      assert.equal(after.size, 3, 'every execution asked for has counts, zeros for one with no results');
      assert.deepEqual((await store.summarize(executionId)).outcomes, {
        ...emptyOutcomes(),
        success: 1,
        undetermined: 1,
      });
      const jailbroken = await store.listAttackResults(executionId, { ...PAGE, outcomes: ['success'] });
      assert.deepEqual(
        jailbroken.items.map((item: StoredAttackResult) => [item.prompt_index, item.outcome]),
        [[0, 'success']],
      );
      assert.equal((await store.resultKeys(executionId)).get(1)?.outcome, 'undetermined');
    }),
  );
});

/** A small deterministic PRNG (mulberry32): the same data on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  return items;
}
