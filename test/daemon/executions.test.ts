import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { DaemonHarness, waitFor, waitForStatus } from '../helpers/daemonHarness';
import { queryDatabase } from '../helpers/duckdbReader';
import type { DaemonConnection } from '../../client/daemonConnection';
import { DaemonError } from '../../client/daemonConnection';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const rot13 = (text: string) =>
  text.replace(/[a-z]/gi, (c) =>
    String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c <= 'Z' ? 65 : 97)),
  );
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function echoParameters(extra: Record<string, unknown> = {}) {
  return {
    objective_target: { type: 'echo', prefix: 'PWNED: ' },
    prompt_converters: [{ type: 'base64' }, { type: 'rot13' }],
    scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
    batch_size: 8,
    ...extra,
  };
}

describe('executions (real daemon, real DuckDB)', () => {
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  before(async () => {
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
  });
  after(async () => {
    alice.close();
    await daemon.stop();
  });

  it('runs 50 prompts through base64 + rot13 and stores PyRIT-shaped pieces and scores', async () => {
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'fifty',
      orchestrator_type: 'prompt_sending',
      parameters: echoParameters(),
    });
    const prompts = Array.from({ length: 50 }, (_, index) => `benign prompt number ${index}`);
    const progress: number[] = [];
    alice.onNotification('executions/progress', (params) => progress.push(params.completed));
    const { execution_id: executionId, status } = await alice.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: prompts },
    });
    assert.equal(status, 'running');
    const done = await waitForStatus(alice, executionId, ['completed', 'failed']);
    assert.equal(done.status, 'completed', done.error ?? '');
    assert.deepEqual(done.progress, { completed: 50, total: 50, errors: 0 });
    assert.equal(done.execution_summary?.total_prompts, 50);
    // The echo target answers "PWNED: …", so the substring scorer calls every prompt jailbroken.
    assert.deepEqual(done.figures.outcomes, { success: 50, failure: 0, error: 0, undetermined: 0 });
    assert.equal(done.figures.attack_success_rate, 1);
    assert.ok(
      progress.length > 0 && progress[progress.length - 1] === 50,
      `progress notifications: ${progress.join(',')}`,
    );

    const page = await alice.request('results/list', { execution_id: executionId, limit: 500 });
    assert.equal(page.total, 50);
    const first = page.items.find((item) => item.request.original_value === prompts[7]);
    assert.ok(first);
    assert.equal(first.request.converted_value, rot13(base64(prompts[7])));
    assert.deepEqual(first.request.converters, ['Base64Converter', 'ROT13Converter']);
    assert.equal(first.response?.converted_value, `PWNED: ${rot13(base64(prompts[7]))}`);
    assert.equal(first.scores[0]?.score_value, 'True');
    assert.equal(first.outcome, 'success');
    assert.equal(first.scores[0]?.true_means, 'success');

    // Paging with next_cursor walks the same conversations in the same order as one big page, none twice.
    const walked: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const next = await alice.request('results/list', {
        execution_id: executionId,
        limit: 7,
        ...(cursor ? { cursor } : {}),
      });
      walked.push(...next.items.map((item) => item.conversation_id));
      if (next.next_cursor === null) break;
      cursor = next.next_cursor;
    }
    assert.deepEqual(
      walked,
      page.items.map((item) => item.conversation_id),
    );
    await assert.rejects(
      alice.request('results/list', { execution_id: executionId, cursor: 'bm90LWEtY3Vyc29y' }),
      (error: unknown) => error instanceof DaemonError && error.code === -32602,
    );

    const summary = await alice.request('results/summary', { execution_id: executionId });
    assert.equal(summary.total.prompts, 50);
    assert.equal(summary.total.outcomes.success, 50);
    assert.equal(summary.by_scorer[0]?.scorer, 'SubStringScorer');

    // Straight from the file, as PyRIT or the DuckDB CLI would read it.
    assert.equal((await alice.request('cache/clear')).closed.length, 1);
    const copy = `${daemon.root}/copy.db`;
    fs.copyFileSync(alice.info.user.db_path, copy);
    const pieces = await queryDatabase<{
      role: string;
      sequence: number;
      original_value: string;
      converted_value: string;
      original_value_sha256: string;
      converted_value_sha256: string;
      id: string;
      original_prompt_id: string;
      conversation_id: string;
      labels: string;
    }>(
      copy,
      `SELECT role, sequence, original_value, converted_value, original_value_sha256, converted_value_sha256, id::VARCHAR AS id, original_prompt_id::VARCHAR AS original_prompt_id, conversation_id, labels::VARCHAR AS labels
       FROM "PromptMemoryEntries" WHERE json_extract_string(labels, '$.execution_id') = '${executionId}'`,
    );
    assert.equal(pieces.length, 100);
    const requests = pieces.filter((piece) => piece.role === 'user');
    const responses = pieces.filter((piece) => piece.role === 'assistant');
    assert.equal(requests.length, 50);
    assert.ok(requests.every((piece) => piece.sequence === 0 && piece.original_prompt_id === piece.id));
    assert.ok(responses.every((piece) => piece.sequence === 1));
    assert.ok(
      requests.every(
        (piece) =>
          piece.original_value_sha256 === sha256(piece.original_value) &&
          piece.converted_value_sha256 === sha256(piece.converted_value),
      ),
    );
    assert.equal(new Set(pieces.map((piece) => piece.conversation_id)).size, 50);
    const scores = await queryDatabase<{ n: number; linked: number }>(
      copy,
      `SELECT count(*)::INTEGER AS n, count(p.id)::INTEGER AS linked FROM "ScoreEntries" s LEFT JOIN "PromptMemoryEntries" p ON p.id = s.prompt_request_response_id AND p.role = 'assistant'
       WHERE json_extract_string(p.labels, '$.execution_id') = '${executionId}'`,
    );
    assert.deepEqual(scores[0], { n: 50, linked: 50 });
    // One attack result per prompt (PyRIT 1.x's table), pointing at the answer it judges and the score it rests on.
    const results = await queryDatabase<{ n: number; answers: number; scored: number; success: number; turns: number }>(
      copy,
      `SELECT count(*)::INTEGER AS n, count(p.id)::INTEGER AS answers, count(s.id)::INTEGER AS scored,
         count(*) FILTER (WHERE a.outcome = 'success')::INTEGER AS success, sum(a.executed_turns)::INTEGER AS turns
       FROM "AttackResultEntries" a
         LEFT JOIN "PromptMemoryEntries" p ON p.id = a.last_response_id AND p.role = 'assistant'
         LEFT JOIN "ScoreEntries" s ON s.id = a.automated_score_id
       WHERE json_extract_string(a.labels, '$.execution_id') = '${executionId}'`,
    );
    assert.deepEqual(results[0], { n: 50, answers: 50, scored: 50, success: 50, turns: 50 });
  });

  it('reuses one pool instance for the same configuration', async () => {
    const before = (await alice.request('health/orchestrators')).pool_stats;
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'twice',
      orchestrator_type: 'prompt_sending',
      parameters: echoParameters({ batch_size: 2 }),
    });
    for (let run = 0; run < 2; run++) {
      const { execution_id } = await alice.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: ['a', 'b'] },
      });
      await waitForStatus(alice, execution_id, ['completed']);
    }
    const after = (await alice.request('health/orchestrators')).pool_stats;
    assert.equal(after.misses - before.misses, 1);
    assert.equal(after.hits - before.hits, 1);
  });

  it('cancels mid-run, then resume answers every remaining prompt exactly once', async () => {
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'slow',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo', delay_ms: 40 }, batch_size: 4 },
    });
    const prompts = Array.from({ length: 120 }, (_, index) => `prompt ${index}`);
    const { execution_id: executionId } = await alice.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: prompts },
    });
    await waitFor('some progress', async () =>
      (await alice.request('executions/get', { execution_id: executionId })).progress.completed >= 8 ? true : undefined,
    );
    const cancelled = await alice.request('executions/cancel', { execution_id: executionId });
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.progress.completed < 120, `completed ${cancelled.progress.completed}`);
    await alice.request('executions/resume', { execution_id: executionId });
    const done = await waitForStatus(alice, executionId, ['completed']);
    assert.deepEqual(done.progress, { completed: 120, total: 120, errors: 0 });
    const page = await alice.request('results/list', { execution_id: executionId, limit: 500 });
    assert.equal(page.total, 120);
    assert.deepEqual(page.items.map((item) => item.request.original_value).sort(), [...prompts].sort());
  });

  it('refuses an invalid configuration with InvalidConfig naming the field', async () => {
    await assert.rejects(
      alice.request('orchestrators/create', {
        name: 'bad',
        orchestrator_type: 'prompt_sending',
        parameters: echoParameters({
          prompt_converters: [{ type: 'base64' }, { type: 'caesar', caesar_offset: 'three' }],
        }),
      }),
      (error: unknown) =>
        error instanceof DaemonError &&
        error.code === -32015 &&
        /prompt_converters\[1\]\.caesar_offset/.test(error.message),
    );
    await assert.rejects(
      alice.request('orchestrators/create', {
        name: 'keyed',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: {
            type: 'openai_chat',
            endpoint: 'http://127.0.0.1:9/v1/chat/completions',
            model: 'm',
            api_key: 'sk-planted-secret',
          },
        },
      }),
      (error: unknown) =>
        error instanceof DaemonError &&
        error.code === -32015 &&
        /api_key_env/.test(error.message) &&
        !error.message.includes('sk-planted-secret'),
    );
  });

  it("keeps users apart: B cannot see, read or cancel A's orchestrators and executions", async () => {
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'private',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo', delay_ms: 200 }, batch_size: 1 },
    });
    const { execution_id: executionId } = await alice.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: ['x', 'y', 'z'] },
    });
    const bob = await daemon.connect('bob');
    try {
      const notFound = (error: unknown) => error instanceof DaemonError && error.code === -32011;
      assert.deepEqual((await bob.request('orchestrators/list')).orchestrators, []);
      assert.deepEqual((await bob.request('executions/list')).executions, []);
      await assert.rejects(bob.request('orchestrators/get', { orchestrator_id: orchestrator.id }), notFound);
      await assert.rejects(bob.request('orchestrators/delete', { orchestrator_id: orchestrator.id }), notFound);
      await assert.rejects(bob.request('executions/get', { execution_id: executionId }), notFound);
      await assert.rejects(bob.request('executions/cancel', { execution_id: executionId }), notFound);
      await assert.rejects(bob.request('results/list', { execution_id: executionId, limit: 10 }), notFound);
      await assert.rejects(
        bob.request('executions/start', {
          orchestrator_id: orchestrator.id,
          execution_type: 'prompt_list',
          input_data: { prompt_list: ['p'] },
        }),
        notFound,
      );
    } finally {
      bob.close();
    }
    assert.equal((await waitForStatus(alice, executionId, ['completed'])).progress.completed, 3);
  });
});

describe('executions across a daemon crash', () => {
  it('kill -9 mid-run leaves it interrupted; resume answers every prompt exactly once', async () => {
    const first = await DaemonHarness.start();
    let second: DaemonHarness | undefined;
    try {
      const connection = await first.connect('carol');
      const orchestrator = await connection.request('orchestrators/create', {
        name: 'crash',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo', delay_ms: 20 }, batch_size: 4 },
      });
      const prompts = Array.from({ length: 200 }, (_, index) => `crash prompt ${index}`);
      const { execution_id: executionId } = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list',
        input_data: { prompt_list: prompts },
      });
      await waitFor('progress before the crash', async () =>
        (await connection.request('executions/get', { execution_id: executionId })).progress.completed >= 20
          ? true
          : undefined,
      );
      connection.close();
      await first.kill9();

      second = await DaemonHarness.start({ reuse: first });
      const again = await second.connect('carol');
      const interrupted = await again.request('executions/get', { execution_id: executionId });
      assert.equal(interrupted.status, 'interrupted');
      assert.ok(
        interrupted.progress.completed >= 20 && interrupted.progress.completed < 200,
        `completed ${interrupted.progress.completed}`,
      );
      await again.request('executions/resume', { execution_id: executionId });
      const done = await waitForStatus(again, executionId, ['completed']);
      assert.equal(done.progress.completed, 200);
      const page = await again.request('results/list', { execution_id: executionId, limit: 500 });
      assert.equal(page.total, 200, 'one conversation per prompt: none lost, none twice');
      assert.deepEqual(page.items.map((item) => item.request.original_value).sort(), [...prompts].sort());
      again.close();
    } finally {
      await second?.stop({ keepFiles: true });
      await first.stop();
    }
  });
});
