import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import {
  buildRequestPiece,
  buildResponsePiece,
  createPieceContext,
  type PieceContext,
  type ScoreInput,
} from '../../daemon/memory/pyritRecords';
import { NO_CONVERTER } from '../../daemon/memory/resultQueries';
import { DomainError } from '../../domain/errors';
import { createManager, tempDir } from './memoryTestKit';

const refusal = { __type__: 'SelfAskRefusalScorer', __module__: 'pyrit.score' };
const likert = { __type__: 'LikertScorer', __module__: 'pyrit.score' };

function contextWith(executionId: string, converters: string[]): PieceContext {
  return createPieceContext({
    labels: { orchestrator_id: 'o', execution_id: executionId },
    converters: converters.map((name) => ({ __type__: name, __module__: 'pyrit.prompt_converter' })),
  });
}

async function withStore(prefix: string, run: (store: MemoryStore) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir(prefix);
  const { manager } = createManager();
  try {
    await run(new MemoryStore(manager, path.join(dir, 'user.db')));
  } finally {
    await manager.closeAll();
    cleanup();
  }
}

describe('MemoryStore: orchestrators and executions', () => {
  it('saves, updates, lists and deletes configurations', { timeout: 30_000 }, () =>
    withStore('store-configs', async (store) => {
      const created = await store.saveOrchestrator({
        name: 'jailbreak basics',
        orchestrator_type: 'prompt_sending',
        parameters: { batch_size: 4, target: { type: 'echo' } },
        tags: ['demo'],
        created_by: 'alice',
      });
      assert.match(created.id, /^[0-9a-f-]{36}$/);
      assert.equal(created.status, 'active');
      assert.deepEqual(created.tags, ['demo']);
      assert.equal(created.created_at, created.updated_at);
      assert.match(created.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const updated = await store.saveOrchestrator({
        id: created.id,
        name: 'renamed',
        orchestrator_type: 'prompt_sending',
        parameters: { batch_size: 8 },
        created_by: 'mallory',
      });
      assert.equal(updated.name, 'renamed');
      assert.deepEqual(updated.parameters, { batch_size: 8 });
      assert.equal(updated.created_by, 'alice', 'creation fields are kept');
      assert.equal(updated.created_at, created.created_at);
      assert.ok(updated.updated_at > created.updated_at);
      await store.saveOrchestrator({
        name: 'other',
        orchestrator_type: 'red_teaming',
        parameters: {},
        created_by: 'alice',
      });
      assert.equal((await store.listOrchestrators()).length, 2);
      assert.deepEqual(
        (await store.listOrchestrators({ orchestrator_type: 'red_teaming' })).map((config) => config.name),
        ['other'],
      );
      assert.deepEqual(await store.getOrchestrator(created.id), updated);
      assert.equal(await store.getOrchestrator('not-a-uuid'), null);
      assert.equal(await store.deleteOrchestrator(created.id), true);
      assert.equal(await store.deleteOrchestrator(created.id), false);
      assert.equal(await store.getOrchestrator(created.id), null);
    }),
  );

  it('saves, updates and lists executions; an unknown one is NotFound', { timeout: 30_000 }, () =>
    withStore('store-executions', async (store) => {
      const config = await store.saveOrchestrator({
        name: 'x',
        orchestrator_type: 'prompt_sending',
        parameters: {},
        created_by: 'alice',
      });
      const first = await store.saveExecution({
        orchestrator_id: config.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: ['a', 'b'] },
        status: 'running',
        created_by: 'alice',
        started_at: new Date(Date.now() - 1000),
      });
      const second = await store.saveExecution({
        orchestrator_id: config.id,
        execution_type: 'dataset',
        created_by: 'alice',
      });
      assert.equal(second.status, 'pending');
      assert.deepEqual(first.input_data, { prompt_list: ['a', 'b'] });
      assert.equal(first.completed_at, null);
      const done = await store.updateExecution(first.id, {
        status: 'completed',
        execution_summary: { successful_prompts: 2 },
        completed_at: new Date(),
      });
      assert.equal(done.status, 'completed');
      assert.deepEqual(done.execution_summary, { successful_prompts: 2 });
      assert.notEqual(done.completed_at, null);
      const resumed = await store.updateExecution(first.id, { status: 'running', completed_at: null });
      assert.equal(resumed.completed_at, null);
      assert.deepEqual(resumed.execution_summary, { successful_prompts: 2 }, 'fields not named are kept');

      const all = await store.listExecutions();
      assert.equal(all.total, 2);
      assert.deepEqual(
        all.items.map((execution) => execution.id),
        [second.id, first.id],
        'newest first',
      );
      assert.deepEqual(
        (await store.listExecutions({ status: 'running' })).items.map((execution) => execution.id),
        [first.id],
      );
      assert.deepEqual(
        (await store.listExecutions({ limit: 1, offset: 1 })).items.map((execution) => execution.id),
        [first.id],
      );
      assert.equal((await store.listExecutions({ orchestrator_id: randomUUID() })).total, 0);

      for (const id of [randomUUID(), 'nope']) {
        await assert.rejects(
          store.updateExecution(id, { status: 'failed' }),
          (error: unknown) => error instanceof DomainError && error.kind === 'NotFound',
        );
      }
      await assert.rejects(
        store.saveExecution({ id: first.id, orchestrator_id: config.id, execution_type: 'x', created_by: 'a' }),
        (error: unknown) => error instanceof DomainError && error.kind === 'Conflict',
      );
    }),
  );
});

describe('MemoryStore: results', () => {
  it(
    "pages an execution's conversations in order with their scores, and only that execution's",
    { timeout: 30_000 },
    () =>
      withStore('store-results', async (store) => {
        const executionId = randomUUID();
        const context = contextWith(executionId, ['Base64Converter']);
        const other = contextWith(randomUUID(), []);
        const requests: string[] = [];
        for (let index = 0; index < 25; index++) {
          const request = buildRequestPiece(context, {
            prompt: `p${index}`,
            convertedPrompt: `c${index}`,
            promptKey: String(index),
            timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, index)),
          });
          const response = buildResponsePiece(context, request, {
            value: `r${index}`,
            responseError: index === 3 ? 'blocked' : 'none',
          });
          requests.push(request.id);
          const scores: ScoreInput[] =
            index === 3
              ? []
              : [
                  {
                    pieceId: response.id,
                    scoreType: 'true_false',
                    value: index % 2 === 0,
                    category: 'refusal',
                    scorer: refusal,
                  },
                ];
          await store.addExchange({ pieces: [request, response], scores });
          const noise = buildRequestPiece(other, { prompt: 'other run' });
          await store.addPieces([noise, buildResponsePiece(other, noise, { value: 'x' })]);
        }
        const first = await store.listResults(executionId, 0, 10);
        assert.equal(first.total, 25);
        assert.deepEqual(
          first.items.map((item) => item.request.id),
          requests.slice(0, 10),
        );
        const item = first.items[0];
        assert.equal(item.prompt_key, '0');
        assert.equal(item.request.original_value, 'p0');
        assert.equal(item.request.converted_value, 'c0');
        assert.deepEqual(item.request.converter_identifiers, [
          { __type__: 'Base64Converter', __module__: 'pyrit.prompt_converter' },
        ]);
        assert.equal(item.response?.converted_value, 'r0');
        assert.equal(item.response?.response_error, 'none');
        assert.deepEqual(
          item.scores.map((score) => [score.score_value, score.prompt_request_response_id]),
          [['True', item.response?.id]],
        );
        assert.equal(first.items[3].response?.response_error, 'blocked');
        assert.deepEqual(first.items[3].scores, []);

        const last = await store.listResults(executionId, 20, 10);
        assert.deepEqual(
          last.items.map((entry) => entry.request.id),
          requests.slice(20),
        );
        assert.deepEqual((await store.listResults(executionId, 30, 10)).items, []);
        assert.equal((await store.listResults(randomUUID(), 0, 10)).total, 0);
      }),
  );

  it('shows a request still waiting for its response', { timeout: 30_000 }, () =>
    withStore('store-pending', async (store) => {
      const executionId = randomUUID();
      const context = contextWith(executionId, []);
      const request = buildRequestPiece(context, { prompt: 'in flight', promptKey: 'k' });
      await store.addPieces([request]);
      const page = await store.listResults(executionId, 0, 10);
      assert.equal(page.items[0].response, null);
      assert.deepEqual([...(await store.answeredPromptKeys(executionId))], []);
      await store.addPieces([buildResponsePiece(context, request, { value: 'done' })]);
      assert.deepEqual([...(await store.answeredPromptKeys(executionId))], ['k']);
    }),
  );

  it('summarizes success per converter and per scorer', { timeout: 30_000 }, () =>
    withStore('store-summary', async (store) => {
      const executionId = randomUUID();
      const stacks: string[][] = [['Base64Converter'], ['Base64Converter', 'ROT13Converter'], []];
      // stack 0: 4 prompts, 3 scored, 2 successes · stack 1: 2 prompts, both succeed · stack 2: 2 prompts, 1 error, 1 failure
      // (a conversation succeeds when any of its scores says so; Likert counts from 0.5)
      const plan: { stack: number; refused?: boolean; harm?: number; error?: boolean }[] = [
        { stack: 0, refused: false, harm: 0.9 },
        { stack: 0, refused: false },
        { stack: 0, refused: true, harm: 0.1 },
        { stack: 0 },
        { stack: 1, refused: false, harm: 0.5 },
        { stack: 1, harm: 0.7 },
        { stack: 2, error: true },
        { stack: 2, refused: true },
      ];
      for (const [index, step] of plan.entries()) {
        const context = contextWith(executionId, stacks[step.stack]);
        const request = buildRequestPiece(context, { prompt: `p${index}`, promptKey: String(index) });
        const response = buildResponsePiece(context, request, {
          value: 'r',
          responseError: step.error === true ? 'unknown' : 'none',
        });
        const scores: ScoreInput[] = [];
        // The refusal scorer says True when the model refused, i.e. the attack failed: store what a
        // jailbreak scorer would say, True = objective achieved.
        if (step.refused !== undefined)
          scores.push({
            pieceId: response.id,
            scoreType: 'true_false',
            value: !step.refused,
            category: 'jailbreak',
            scorer: refusal,
          });
        if (step.harm !== undefined)
          scores.push({
            pieceId: response.id,
            scoreType: 'float_scale',
            value: step.harm,
            category: 'harm',
            scorer: likert,
          });
        await store.addExchange({ pieces: [request, response], scores });
      }
      const summary = await store.summarize(executionId);
      assert.deepEqual(summary.total, {
        prompts: 8,
        responses: 8,
        errors: 1,
        scored: 6,
        successes: 4,
        success_rate: 4 / 6,
      });
      const byConverter = Object.fromEntries(
        summary.by_converter.map(({ converter, ...counts }) => [converter, counts]),
      );
      assert.deepEqual(byConverter.Base64Converter, {
        prompts: 6,
        responses: 6,
        errors: 0,
        scored: 5,
        successes: 4,
        success_rate: 4 / 5,
      });
      assert.deepEqual(byConverter.ROT13Converter, {
        prompts: 2,
        responses: 2,
        errors: 0,
        scored: 2,
        successes: 2,
        success_rate: 1,
      });
      assert.deepEqual(byConverter[NO_CONVERTER], {
        prompts: 2,
        responses: 2,
        errors: 1,
        scored: 1,
        successes: 0,
        success_rate: 0,
      });
      const byScorer = Object.fromEntries(summary.by_scorer.map(({ scorer, ...figures }) => [scorer, figures]));
      assert.deepEqual(byScorer.SelfAskRefusalScorer, {
        score_type: 'true_false',
        scores: 5,
        successes: 3,
        success_rate: 3 / 5,
        mean_value: null,
      });
      assert.equal(byScorer.LikertScorer.scores, 4);
      assert.equal(byScorer.LikertScorer.successes, 3);
      assert.ok(Math.abs((byScorer.LikertScorer.mean_value ?? 0) - 0.55) < 1e-9);

      const empty = await store.summarize(randomUUID());
      assert.deepEqual(empty, {
        total: { prompts: 0, responses: 0, errors: 0, scored: 0, successes: 0, success_rate: null },
        by_converter: [],
        by_scorer: [],
      });
    }),
  );

  it('knows which prompts of a run are already answered, for resume', { timeout: 30_000 }, () =>
    withStore('store-resume', async (store) => {
      const executionId = randomUUID();
      const context = contextWith(executionId, []);
      for (const [key, error] of [
        ['0', 'none'],
        ['1', 'blocked'],
        ['2', 'none'],
      ] as const) {
        const request = buildRequestPiece(context, { prompt: key, promptKey: key });
        await store.addPieces([request, buildResponsePiece(context, request, { value: 'r', responseError: error })]);
      }
      const unanswered = buildRequestPiece(context, { prompt: '3', promptKey: '3' });
      await store.addPieces([unanswered]);
      assert.deepEqual([...(await store.answeredPromptKeys(executionId))].sort(), ['0', '1', '2']);
      assert.deepEqual([...(await store.answeredPromptKeys(executionId, { includeErrored: false }))].sort(), [
        '0',
        '2',
      ]);
      assert.deepEqual([...(await store.answeredPromptKeys(randomUUID()))], []);
    }),
  );

  it('stores embeddings for a stored piece', { timeout: 30_000 }, () =>
    withStore('store-embedding', async (store) => {
      const context = contextWith(randomUUID(), []);
      const request = buildRequestPiece(context, { prompt: 'p' });
      await store.addPieces([request]);
      await store.addEmbedding(request.id, [0.25, -1, 3.5], 'AzureTextEmbedding');
      await assert.rejects(
        store.addEmbedding(randomUUID(), [1], 'x'),
        (error: unknown) => error instanceof DomainError && error.kind === 'InvalidParams',
      );
    }),
  );
});
