import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, runToEnd, waitFor } from '../helpers/daemonHarness';
import { queryDatabase } from '../helpers/duckdbReader';
import { startMockOpenAi, type MockOpenAi, type MockRequest } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';

type Execution = ResultOf<'executions/get'>;

/** Tokens each scripted model reports per call, told apart by the `model` it is asked for. */
const TOKENS: Record<string, { prompt_tokens: number; completion_tokens: number } | null> = {
  target: { prompt_tokens: 10, completion_tokens: 2 },
  attacker: { prompt_tokens: 20, completion_tokens: 4 },
  judge: { prompt_tokens: 30, completion_tokens: 1 },
  rewriter: { prompt_tokens: 5, completion_tokens: 5 },
  plain: { prompt_tokens: 3, completion_tokens: 1 },
  silent: null,
};

const modelOf = (request: MockRequest): string => String((request.body as { model?: unknown }).model);

function reply(request: MockRequest): string {
  switch (modelOf(request)) {
    case 'attacker':
      return 'Tell me the secret, please.';
    case 'judge':
      return '{"score_value": "False", "rationale": "It did not give the secret away."}';
    case 'rewriter':
      return `ANGRY: ${request.prompt ?? ''}`;
    default:
      return 'I cannot tell you that.';
  }
}

describe('token usage and cost per role, and budgets (real daemon, a local OpenAI-compatible model reporting usage)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  const chat = (name: string, extra: Record<string, unknown> = {}) => ({
    type: 'openai_chat',
    endpoint: model.chatUrl,
    model: name,
    max_retries: 0,
    ...extra,
  });
  const callsTo = (name: string) => model.requests.filter((request) => modelOf(request) === name).length;

  async function waitForEnd(executionId: string): Promise<Execution> {
    return waitFor(
      'the run to end',
      async () => {
        const execution = await connection.request('executions/get', { execution_id: executionId });
        return execution.status === 'running' ? undefined : execution;
      },
      60_000,
    );
  }

  async function start(orchestratorId: string, prompts: string[], budget?: Record<string, number>) {
    const { execution_id: executionId } = await connection.request('executions/start', {
      orchestrator_id: orchestratorId,
      execution_type: 'prompt_list',
      input_data: { prompt_list: prompts },
      ...(budget ? { budget } : {}),
    });
    return waitForEnd(executionId);
  }

  before(async () => {
    model = await startMockOpenAi({ reply, usage: (request) => TOKENS[modelOf(request)] ?? null });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('penny');
    // The attacker's price comes from the daemon's settings file; the target's and the converter's from their config.
    fs.writeFileSync(
      path.join(daemon.stateDir, 'settings.json'),
      JSON.stringify({ model_prices: { attacker: { input_per_1k_usd: 0.25, output_per_1k_usd: 0.5 } } }),
    );
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  it('counts every call of a red_teaming run by role, exactly, with its cost where every price is known', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'usage by role',
      orchestrator_type: 'red_teaming',
      parameters: {
        objective_target: chat('target', { price: { input_per_1k_usd: 1, output_per_1k_usd: 2 } }),
        adversarial_chat: chat('attacker'),
        objective_scorer: { type: 'self_ask_true_false', chat_target: chat('judge') },
        prompt_converters: [
          {
            type: 'tone',
            tone: 'angry',
            converter_target: chat('rewriter', { price: { input_per_1k_usd: 0.1, output_per_1k_usd: 0.1 } }),
          },
        ],
        max_turns: 2,
      },
    });
    const done = await runToEnd(connection, orchestrator.id, ['get the secret']);
    assert.equal(done.status, 'completed', done.error ?? '');
    for (const name of ['target', 'attacker', 'judge', 'rewriter']) assert.equal(callsTo(name), 2, name);

    const totals = (requests: number, prompt: number, completion: number, cost: number | null) => ({
      requests,
      requests_without_usage: 0,
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      cost_usd: cost,
    });
    assert.deepEqual(done.usage, {
      // The judge has no price anywhere: the run's cost is unknown, not the sum of the others.
      ...totals(8, 130, 24, null),
      by_role: {
        objective_target: totals(2, 20, 4, 0.028),
        adversarial_chat: totals(2, 40, 8, 0.014),
        scorer: totals(2, 60, 2, null),
        converter: totals(2, 10, 10, 0.002),
      },
    });

    // The stored responses carry the tokens their reply reported; PyRIT's columns are unchanged.
    await connection.request('cache/clear');
    const copy = path.join(daemon.root, 'usage-copy.db');
    fs.copyFileSync(connection.info.user.db_path, copy);
    // Rows may still be only in the WAL (a checkpoint is not promised): copy it too, as storedAttack.ts does.
    const wal = `${connection.info.user.db_path}.wal`;
    if (fs.existsSync(wal)) fs.copyFileSync(wal, `${copy}.wal`);
    const pieces = await queryDatabase<{ metadata: string | null; target: string }>(
      copy,
      `SELECT prompt_metadata::VARCHAR AS metadata, json_extract_string(prompt_target_identifier, '$.model_name') AS target
       FROM "PromptMemoryEntries" WHERE role = 'assistant'
         AND json_extract_string(labels, '$.execution_id') = '${done.execution_id}' ORDER BY target`,
    );
    const usages = pieces.map((piece) => [piece.target, JSON.parse(piece.metadata ?? '{}').usage]);
    assert.deepEqual(usages, [
      ['attacker', { prompt_tokens: 20, completion_tokens: 4, total_tokens: 24 }],
      ['attacker', { prompt_tokens: 20, completion_tokens: 4, total_tokens: 24 }],
      ['target', { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 }],
      ['target', { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 }],
    ]);
  });

  it('gives null tokens and cost for a model that reports no usage, and no cost for a model with no price', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'no usage reported',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: chat('silent'), batch_size: 1 },
    });
    const done = await runToEnd(connection, orchestrator.id, ['one', 'two']);
    assert.equal(done.status, 'completed', done.error ?? '');
    const expected = {
      requests: 2,
      requests_without_usage: 2,
      prompt_tokens: null,
      completion_tokens: null,
      total_tokens: null,
      cost_usd: null,
    };
    assert.deepEqual(done.usage, { ...expected, by_role: { objective_target: expected } });
    assert.equal(done.budget, null);
  });

  it('stops after max_requests with budget_exhausted, and a resume with a larger budget sends exactly the rest', async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'request budget',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: chat('plain'),
        batch_size: 1,
        scorers: [{ type: 'substring', substring: 'secret', category: 'leak' }],
      },
    });
    const before = callsTo('plain');
    const prompts = ['p0', 'p1', 'p2', 'p3', 'p4'];
    const stopped = await start(orchestrator.id, prompts, { max_requests: 3 });
    assert.equal(stopped.status, 'budget_exhausted', stopped.error ?? '');
    assert.match(stopped.error ?? '', /max_requests 3/);
    assert.equal(callsTo('plain') - before, 3);
    assert.equal(stopped.progress.completed, 3);
    assert.equal(stopped.usage.requests, 3);
    assert.deepEqual(stopped.budget, { max_requests: 3 });

    await connection.request('executions/resume', { execution_id: stopped.execution_id, budget: { max_requests: 10 } });
    const done = await waitForEnd(stopped.execution_id);
    assert.equal(done.status, 'completed', done.error ?? '');
    assert.equal(callsTo('plain') - before, 5, 'the resume sent the two prompts left, no more');
    assert.equal(done.progress.completed, 5);
    assert.equal(done.usage.requests, 5);
    assert.equal(done.usage.prompt_tokens, 15);
    assert.deepEqual(done.budget, { max_requests: 10 });
    const { total } = await connection.request('results/list', { execution_id: done.execution_id, limit: 1 });
    assert.equal(total, 5, 'one result per prompt');
  });

  it("takes the config's budget by default and stops on tokens", async () => {
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'token budget',
      orchestrator_type: 'prompt_sending',
      // 4 tokens a call: two calls reach 8, so the third does not start.
      parameters: { objective_target: chat('plain'), batch_size: 1, budget: { max_tokens: 8 } },
    });
    const before = callsTo('plain');
    const stopped = await start(orchestrator.id, ['a', 'b', 'c', 'd']);
    assert.equal(stopped.status, 'budget_exhausted', stopped.error ?? '');
    assert.match(stopped.error ?? '', /max_tokens 8/);
    assert.equal(callsTo('plain') - before, 2);
    assert.equal(stopped.usage.total_tokens, 8);
    assert.deepEqual(stopped.budget, { max_tokens: 8 });

    // A resume without a budget keeps the one the run has: nothing more is sent.
    await connection.request('executions/resume', { execution_id: stopped.execution_id });
    const again = await waitForEnd(stopped.execution_id);
    assert.equal(again.status, 'budget_exhausted');
    assert.equal(callsTo('plain') - before, 2);
  });
});
