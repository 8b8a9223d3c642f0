import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import { buildRequestPiece, createPieceContext, type PieceContext } from '../../daemon/memory/pyritRecords';
import { NO_CONVERTER } from '../../daemon/memory/attackResultSummary';
import { ATTACK_IDENTIFIERS, buildAttackResult } from '../../daemon/memory/attackResults';
import { failedAttackOutcome } from '../../domain/attackOutcome';
import { DomainError } from '../../domain/errors';
import { emptyOutcomes } from '../../domain/runFigures';
import { judgedExchange, type JudgeInput, type JudgedExchange } from './memoryTestKit';
import { memoryBackends } from './memoryBackends';
import { utcTimestampMicros } from '../../daemon/memory/timestamps';

function contextWith(executionId: string, converters: string[]): PieceContext {
  return createPieceContext({
    labels: { orchestrator_id: 'o', execution_id: executionId },
    converters: converters.map((name) => ({ __type__: name, __module__: 'pyrit.prompt_converter' })),
  });
}

/** A clock one second further on each time it is read: the latest budget is the one set last, never a tie. */
function steppingClock(): () => Date {
  let seconds = 0;
  return () => new Date(Date.UTC(2026, 11, 2, 0, 0, seconds++));
}

for (const backendUnderTest of memoryBackends()) {
  async function withStore(
    _prefix: string,
    run: (store: MemoryStore) => Promise<void>,
    now?: () => Date,
  ): Promise<void> {
    const { backend, dbPath, close } = await backendUnderTest.open();
    try {
      await run(new MemoryStore(backend, dbPath, now));
    } finally {
      await close();
    }
  }

  describe(
    `MemoryStore (${backendUnderTest.name}): orchestrators and executions`,
    { skip: backendUnderTest.skip },
    () => {
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
    },
  );

  describe(`MemoryStore (${backendUnderTest.name}): results`, { skip: backendUnderTest.skip }, () => {
    it(
      "pages an execution's attack results in prompt order with their pieces and scores, and only that execution's",
      { timeout: 30_000 },
      () =>
        withStore('store-results', async (store) => {
          const executionId = randomUUID();
          const context = contextWith(executionId, ['Base64Converter']);
          const other = contextWith(randomUUID(), []);
          const written: JudgedExchange[] = [];
          // Stored out of order: the page follows the prompt's position in the run, not the order of arrival.
          const order = Array.from({ length: 25 }, (_, index) => (index * 7) % 25);
          for (const index of order) {
            const exchange = judgedExchange(context, {
              prompt: `p${index}`,
              convertedPrompt: `c${index}`,
              response: `r${index}`,
              promptIndex: index,
              responseError: index === 3 ? 'blocked' : 'none',
              scores: [
                { scorer: 'SelfAskRefusalScorer', value: index % 2 === 0, trueMeans: 'held', category: 'refusal' },
              ],
            });
            written[index] = exchange;
            await store.addExchange(exchange);
            const noise = judgedExchange(other, { prompt: 'other run', response: 'x', promptIndex: index });
            await store.addExchange(noise);
          }
          const first = await store.listAttackResults(executionId, { limit: 10, sort: 'prompt' });
          assert.equal(first.total, 25);
          assert.deepEqual(
            first.items.map((item) => item.attack_result_id),
            written.slice(0, 10).map((exchange) => exchange.attackResult.row.id),
          );
          const item = first.items[0];
          assert.equal(item.prompt_index, 0);
          assert.equal(item.conversation_id, written[0].request.conversationId);
          assert.equal(item.objective, 'p0');
          assert.deepEqual(item.request, {
            original_value: 'p0',
            converted_value: 'c0',
            converters: ['Base64Converter'],
          });
          assert.equal(item.response?.id, written[0].response.id);
          assert.equal(item.response?.converted_value, 'r0');
          assert.equal(item.response?.response_error, 'none');
          assert.deepEqual(
            item.scores.map((score) => [score.score_value, score.scorer, score.judging.true_means]),
            [['True', 'SelfAskRefusalScorer', 'held']],
          );
          assert.equal(item.outcome, 'failure', 'the refusal scorer said the target refused: held');
          assert.equal(first.items[1].outcome, 'success');
          assert.equal(first.items[3].response?.response_error, 'blocked');
          assert.deepEqual(first.items[3].scores, [], 'an error is not scored');
          assert.equal(first.items[3].outcome, 'error');
          assert.notEqual(first.next, null);

          const second = await store.listAttackResults(executionId, {
            limit: 10,
            sort: 'prompt',
            after: first.next ?? undefined,
          });
          const last = await store.listAttackResults(executionId, {
            limit: 10,
            sort: 'prompt',
            after: second.next ?? undefined,
          });
          assert.deepEqual(
            last.items.map((entry) => entry.prompt_index),
            [20, 21, 22, 23, 24],
          );
          assert.equal(last.next, null, 'a short page is the last one');
          assert.equal((await store.listAttackResults(randomUUID(), { limit: 10, sort: 'prompt' })).total, 0);
          assert.equal((await store.listAttackResults('not-a-uuid', { limit: 10, sort: 'prompt' })).total, 0);
        }),
    );

    it('keeps a byte budget per page and gives every kept answer whole, the large ones too', { timeout: 30_000 }, () =>
      withStore('store-budget', async (store) => {
        const executionId = randomUUID();
        const context = contextWith(executionId, []);
        // Over the size a page's pieces query carries inline (64 KiB): fetched again for the results it keeps.
        const large = 'L'.repeat(100 * 1024);
        const answers = ['small 0', large, 'small 2', large, 'small 4'];
        for (const [index, response] of answers.entries()) {
          await store.addExchange(judgedExchange(context, { prompt: `p${index}`, response, promptIndex: index }));
        }
        const all = await store.listAttackResults(executionId, { limit: 10, sort: 'prompt', maxBytes: 1 << 20 });
        assert.deepEqual(
          all.items.map((item) => item.response?.converted_value),
          answers,
        );
        // Room for one large answer: the page ends before the second, and the next page starts with it.
        const cut = await store.listAttackResults(executionId, { limit: 10, sort: 'prompt', maxBytes: 150 * 1024 });
        assert.deepEqual(
          cut.items.map((item) => item.response?.converted_value),
          answers.slice(0, 3),
        );
        assert.notEqual(cut.next, null);
        const rest = await store.listAttackResults(executionId, {
          limit: 10,
          sort: 'prompt',
          maxBytes: 150 * 1024,
          after: cut.next ?? undefined,
        });
        assert.deepEqual(
          rest.items.map((item) => item.response?.converted_value),
          answers.slice(3),
        );
      }),
    );

    it(
      'lists a prompt only once its result is stored; a result with no answer shows its request',
      { timeout: 30_000 },
      () =>
        withStore('store-pending', async (store) => {
          const executionId = randomUUID();
          const context = contextWith(executionId, []);
          const page = { limit: 10, sort: 'prompt' } as const;
          // A request stored on its own (not how the engine writes, but a file may hold one) judges nothing.
          const request = buildRequestPiece(context, { prompt: 'in flight', promptKey: '0' });
          await store.addPieces([request]);
          assert.equal((await store.listAttackResults(executionId, page)).total, 0);
          assert.deepEqual([...(await store.resultKeys(executionId))], [], 'resume sends it again');

          // A multi-turn attack whose attacker failed before any target turn: a result with no response.
          const failed = buildAttackResult({
            executionId,
            promptIndex: 0,
            conversationId: request.conversationId,
            objective: 'in flight',
            attack: { ...ATTACK_IDENTIFIERS.redTeaming, id: 'o' },
            lastResponseId: null,
            decision: failedAttackOutcome('The attacker model failed.'),
            executedTurns: 0,
            executionTimeMs: 12,
            labelsJson: context.labelsJson,
          });
          await store.addExchange({ pieces: [], attackResult: failed });
          const [item] = (await store.listAttackResults(executionId, page)).items;
          assert.equal(item.response, null);
          assert.equal(item.request?.original_value, 'in flight');
          assert.equal(item.outcome, 'error');
          assert.equal(item.outcome_reason, 'The attacker model failed.');
          assert.deepEqual([...(await store.resultKeys(executionId))], [[0, { id: failed.row.id, outcome: 'error' }]]);
        }),
    );

    it(
      'summarizes stored outcomes per converter chain (a stack is one series) and what each scorer flagged',
      { timeout: 30_000 },
      () =>
        withStore('store-summary', async (store) => {
          const executionId = randomUUID();
          const stacks: string[][] = [['Base64Converter'], ['Base64Converter', 'ROT13Converter'], []];
          // stack 0: jailbroken twice, held once, undetermined once · stack 1: jailbroken twice · stack 2: an error and
          // a held. The refusal scorer's True means the target refused (held); Likert reads as jailbroken from 0.5; OR.
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
            const scores: JudgeInput[] = [];
            if (step.refused !== undefined)
              scores.push({
                scorer: 'SelfAskRefusalScorer',
                value: step.refused,
                trueMeans: 'held',
                category: 'refusal',
              });
            if (step.harm !== undefined)
              scores.push({ scorer: 'LikertScorer', value: step.harm, threshold: 0.5, category: 'harm' });
            await store.addExchange(
              judgedExchange(contextWith(executionId, stacks[step.stack]), {
                prompt: `p${index}`,
                response: 'r',
                promptIndex: index,
                responseError: step.error === true ? 'unknown' : 'none',
                // The engine does not run scorers on an error; judgedExchange drops them too.
                scores,
              }),
            );
          }
          const summary = await store.summarize(executionId);
          assert.deepEqual(summary.outcomes, { success: 4, failure: 2, error: 1, undetermined: 1 });
          const byConverter = Object.fromEntries(
            summary.by_converter.map(({ converter, outcomes }) => [converter, outcomes]),
          );
          assert.deepEqual(byConverter, {
            Base64: { success: 2, failure: 1, error: 0, undetermined: 1 },
            'Base64 → ROT13': { success: 2, failure: 0, error: 0, undetermined: 0 },
            [NO_CONVERTER]: { success: 0, failure: 1, error: 1, undetermined: 0 },
          });
          const byScorer = Object.fromEntries(summary.by_scorer.map(({ scorer, ...figures }) => [scorer, figures]));
          assert.deepEqual(byScorer.SelfAskRefusalScorer, {
            score_type: 'true_false',
            true_means: 'held',
            objective: true,
            scores: 5,
            flagged: 3,
            mean_value: null,
          });
          assert.equal(byScorer.LikertScorer.scores, 4);
          assert.equal(byScorer.LikertScorer.flagged, 3);
          assert.ok(Math.abs((byScorer.LikertScorer.mean_value ?? 0) - 0.55) < 1e-9);

          const empty = await store.summarize(randomUUID());
          assert.deepEqual(empty, { outcomes: emptyOutcomes(), by_converter: [], by_scorer: [] });
        }),
    );

    it('knows which prompts of a run have a stored result and which were errors, for resume', { timeout: 30_000 }, () =>
      withStore('store-resume', async (store) => {
        const executionId = randomUUID();
        const context = contextWith(executionId, []);
        const ids: string[] = [];
        for (const [index, error] of ['none', 'blocked', 'none'].entries()) {
          const exchange = judgedExchange(context, {
            prompt: String(index),
            response: 'r',
            promptIndex: index,
            responseError: error === 'blocked' ? 'blocked' : 'none',
            scores: [{ scorer: 'SubStringScorer', value: true }],
          });
          ids.push(exchange.attackResult.row.id);
          await store.addExchange(exchange);
        }
        const unanswered = buildRequestPiece(context, { prompt: '3', promptKey: '3' });
        await store.addPieces([unanswered]);
        const keys = await store.resultKeys(executionId);
        assert.deepEqual(
          [...keys].sort(([a], [b]) => a - b),
          [
            [0, { id: ids[0], outcome: 'success' }],
            [1, { id: ids[1], outcome: 'error' }],
            [2, { id: ids[2], outcome: 'success' }],
          ],
        );
        assert.deepEqual([...(await store.resultKeys(randomUUID()))], []);
      }),
    );

    it(
      'reads a run for compare in prompt order, and sums its model calls per role and its latest budget',
      { timeout: 30_000 },
      () =>
        withStore(
          'store-compare-usage',
          async (store) => {
            const executionId = randomUUID();
            const context = contextWith(executionId, ['Base64Converter']);
            for (const [index, value] of [true, false].entries())
              await store.addExchange(
                judgedExchange(context, {
                  prompt: `prompt ${index}`,
                  response: 'r',
                  promptIndex: index,
                  scores: [{ scorer: 'SubStringScorer', value }],
                }),
              );
            assert.deepEqual(await store.comparableResults(executionId), [
              { prompt_index: 0, prompt: 'prompt 0', outcome: 'success' },
              { prompt_index: 1, prompt: 'prompt 1', outcome: 'failure' },
            ]);

            const at = (second: number) => utcTimestampMicros(new Date(Date.UTC(2026, 11, 2, 0, 0, second)));
            const call = { execution_id: executionId, model_name: 'm', endpoint: null, called_at: at(0) };
            await store.addModelCall({
              ...call,
              role: 'objective_target',
              prompt_tokens: 10,
              completion_tokens: 5,
              cost_usd: 0.25,
            });
            await store.addModelCall({
              ...call,
              role: 'objective_target',
              prompt_tokens: 1,
              completion_tokens: 2,
              cost_usd: null,
            });
            await store.addModelCall({
              ...call,
              role: 'scorer',
              prompt_tokens: null,
              completion_tokens: null,
              cost_usd: null,
            });
            assert.deepEqual(await store.usageByRole(executionId), [
              {
                role: 'objective_target',
                requests: 2,
                requestsWithoutUsage: 0,
                promptTokens: 11,
                completionTokens: 7,
                knownCostUsd: 0.25,
                unpriced: 1,
              },
              {
                role: 'scorer',
                requests: 1,
                requestsWithoutUsage: 1,
                promptTokens: 0,
                completionTokens: 0,
                knownCostUsd: 0,
                unpriced: 1,
              },
            ]);
            assert.deepEqual(await store.usageByRole(randomUUID()), []);

            assert.equal(await store.budgetOf(executionId), null);
            await store.setBudget(executionId, { max_requests: 3 });
            await store.setBudget(executionId, { max_requests: 9 });
            assert.deepEqual(JSON.parse((await store.budgetOf(executionId)) ?? 'null'), { max_requests: 9 });
          },
          steppingClock(),
        ),
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
}
