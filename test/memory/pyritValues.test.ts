import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../daemon/memory/memoryStore';
import {
  buildPiece,
  buildRequestPiece,
  buildResponsePiece,
  buildScoreRow,
  pythonFloatText,
  scoreValueText,
  sha256Hex,
} from '../../daemon/memory/pyritRecords';
import { DomainError } from '../../domain/errors';
import { createManager, executionContext, queryFile, tempDir } from './memoryTestKit';

const reference = (value: string) => createHash('sha256').update(Buffer.from(value, 'utf8')).digest('hex');

/** `YYYY-MM-DD HH:MM:SS` of a Date in this machine's local time: what PyRIT's datetime.now() stores. */
function localWallClock(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

describe('PyRIT value rules (pure)', () => {
  it('hashes the UTF-8 bytes as lower-case hex', () => {
    for (const value of ['', 'hello', 'héllo wörld', '日本語のプロンプト', '🙂 emoji', 'a'.repeat(10_000)]) {
      assert.equal(sha256Hex(value), reference(value));
      assert.match(sha256Hex(value), /^[0-9a-f]{64}$/);
    }
  });

  it('builds a request (sequence 0) and its response (sequence 1) as PyRIT does', () => {
    const context = executionContext('e1', 'o1');
    const request = buildRequestPiece(context, { prompt: 'héllo', convertedPrompt: 'aMOpbGxv', promptKey: '7' });
    const response = buildResponsePiece(context, request, { value: 'answer' });
    assert.equal(request.row.role, 'user');
    assert.equal(request.row.sequence, 0);
    assert.equal(response.row.role, 'assistant');
    assert.equal(response.row.sequence, 1);
    assert.equal(response.row.conversation_id, request.row.conversation_id);
    for (const piece of [request, response]) {
      assert.equal(piece.row.original_prompt_id, piece.row.id);
      assert.match(piece.row.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(JSON.parse(piece.row.labels ?? 'null'), {
        orchestrator_id: 'o1',
        execution_id: 'e1',
        op_name: 'test',
      });
      assert.deepEqual(JSON.parse(piece.row.orchestrator_identifier ?? 'null'), {
        __type__: 'PromptSendingOrchestrator',
        __module__: 'pyrit.orchestrator',
        id: 'o1',
      });
    }
    assert.equal(request.row.original_value_sha256, reference('héllo'));
    assert.equal(request.row.converted_value_sha256, reference('aMOpbGxv'));
    assert.deepEqual(JSON.parse(request.row.converter_identifiers ?? 'null'), [
      { __type__: 'Base64Converter', __module__: 'pyrit.prompt_converter.base64_converter' },
    ]);
    // PyRIT: converted defaults to original; responses carry no converters; absent dicts are {} not NULL.
    assert.equal(response.row.converted_value, 'answer');
    assert.equal(response.row.converted_value_sha256, reference('answer'));
    assert.equal(response.row.converter_identifiers, '[]');
    assert.equal(response.row.prompt_metadata, '{}');
    assert.equal(response.row.response_error, 'none');
    assert.equal(request.indexRow?.prompt_key, '7');
    assert.equal(response.indexRow?.prompt_key, '7');
  });

  it('stores a failed request as an error response, never as nothing', () => {
    const context = executionContext();
    const request = buildRequestPiece(context, { prompt: 'p' });
    const response = buildResponsePiece(context, request, { value: 'content filter', responseError: 'blocked' });
    assert.equal(response.row.response_error, 'blocked');
    assert.equal(response.row.original_value_data_type, 'error');
    assert.equal(response.row.converted_value_data_type, 'error');
  });

  it('refuses values PyRIT would refuse', () => {
    const context = executionContext();
    const invalid = (error: unknown) => error instanceof DomainError && error.kind === 'InvalidParams';
    assert.throws(
      () => buildPiece(context, { role: 'robot' as 'user', conversationId: 'c', sequence: 0, originalValue: 'x' }),
      invalid,
    );
    assert.throws(
      () => buildPiece(context, { role: 'user', conversationId: 'c', sequence: -1, originalValue: 'x' }),
      invalid,
    );
    assert.throws(
      () =>
        buildPiece(context, {
          role: 'user',
          conversationId: 'c',
          sequence: 0,
          originalValue: 'x',
          responseError: 'oops' as 'none',
        }),
      invalid,
    );
    assert.throws(() => scoreValueText('float_scale', 1.5), invalid);
    assert.throws(() => scoreValueText('float_scale', Number.NaN), invalid);
    assert.throws(() => scoreValueText('true_false', 1), invalid);
  });

  it('writes score values as PyRIT does: "True"/"False" and Python\'s str(float)', () => {
    assert.equal(scoreValueText('true_false', true), 'True');
    assert.equal(scoreValueText('true_false', false), 'False');
    const pythonStr: [number, string][] = [
      [0, '0.0'],
      [1, '1.0'],
      [0.5, '0.5'],
      [0.25, '0.25'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
    ];
    for (const [value, text] of pythonStr) assert.equal(pythonFloatText(value), text, String(value));
    const row = buildScoreRow({
      pieceId: 'p',
      scoreType: 'float_scale',
      value: 0.75,
      category: 'harm',
      scorer: { __type__: 'LikertScorer', __module__: 'pyrit.score' },
    });
    assert.equal(row.score_value, '0.75');
    assert.equal(row.prompt_request_response_id, 'p');
  });

  it('timestamps in naive local time, like datetime.now()', () => {
    const when = new Date(2025, 6, 14, 9, 30, 15, 250);
    const piece = buildRequestPiece(executionContext(), { prompt: 'p', timestamp: when });
    const micros = piece.row.timestamp;
    // The stored microseconds, read as UTC, must show the local wall clock.
    const asUtc = new Date(Number(micros / 1000n));
    assert.equal(asUtc.toISOString().slice(0, 19).replace('T', ' '), localWallClock(when));
  });
});

describe('PyRIT value rules (stored)', () => {
  it('stores hashes, sequences, ids, labels and score links that PyRIT reads back', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = tempDir('pyrit-stored');
    const { manager } = createManager();
    try {
      const store = new MemoryStore(manager, path.join(dir, 'user.db'));
      const executionId = randomUUID();
      const orchestratorId = randomUUID();
      const context = executionContext(executionId, orchestratorId);
      const before = new Date();
      const request = buildRequestPiece(context, {
        prompt: 'Ünïcode prompt',
        convertedPrompt: 'w5xuw69jb2RlIHByb21wdA==',
        promptKey: '0',
      });
      const response = buildResponsePiece(context, request, { value: 'I cannot help with that.' });
      const scorer = { __type__: 'SelfAskRefusalScorer', __module__: 'pyrit.score.self_ask_refusal_scorer' };
      await store.addExchange({
        pieces: [request, response],
        scores: [
          {
            pieceId: response.id,
            scoreType: 'true_false',
            value: true,
            category: 'refusal',
            scorer,
            rationale: 'refused',
            task: 'objective',
          },
          { pieceId: response.id, scoreType: 'float_scale', value: 0, category: 'harm', scorer },
        ],
      });
      await manager.closeAll();

      const pieces = await queryFile(
        store.dbPath,
        `SELECT id::VARCHAR AS id, original_prompt_id::VARCHAR AS original_prompt_id, role, sequence, conversation_id,
           original_value, original_value_sha256, converted_value, converted_value_sha256, response_error,
           labels->>'execution_id' AS execution_id, labels->>'orchestrator_id' AS orchestrator_id,
           orchestrator_identifier->>'id' AS orchestrator_identifier_id, strftime(timestamp, '%Y-%m-%d %H:%M:%S') AS wall_clock
         FROM "PromptMemoryEntries" ORDER BY sequence`,
      );
      assert.equal(pieces.length, 2);
      const [storedRequest, storedResponse] = pieces;
      assert.deepEqual(
        [storedRequest.role, storedRequest.sequence, storedResponse.role, storedResponse.sequence],
        ['user', 0, 'assistant', 1],
      );
      assert.equal(storedRequest.conversation_id, storedResponse.conversation_id);
      for (const piece of pieces) {
        assert.equal(piece.original_prompt_id, piece.id);
        assert.equal(piece.original_value_sha256, reference(String(piece.original_value)));
        assert.equal(piece.converted_value_sha256, reference(String(piece.converted_value)));
        assert.equal(piece.execution_id, executionId);
        assert.equal(piece.orchestrator_id, orchestratorId);
        assert.equal(piece.orchestrator_identifier_id, orchestratorId);
        assert.equal(piece.response_error, 'none');
        const wallClock = String(piece.wall_clock);
        assert.ok(
          wallClock >= localWallClock(before).slice(0, 16) && wallClock <= localWallClock(new Date()),
          `${wallClock} is local time`,
        );
      }
      const scores = await queryFile(
        store.dbPath,
        `SELECT s.score_value, s.score_type, p.role, s.scorer_class_identifier->>'__type__' AS scorer, s.task
         FROM "ScoreEntries" s JOIN "PromptMemoryEntries" p ON p.id = s.prompt_request_response_id ORDER BY s.score_type DESC`,
      );
      assert.deepEqual(scores, [
        {
          score_value: 'True',
          score_type: 'true_false',
          role: 'assistant',
          scorer: 'SelfAskRefusalScorer',
          task: 'objective',
        },
        {
          score_value: '0.0',
          score_type: 'float_scale',
          role: 'assistant',
          scorer: 'SelfAskRefusalScorer',
          task: null,
        },
      ]);
    } finally {
      await manager.closeAll();
      cleanup();
    }
  });

  it(
    'de-duplicates seed prompts on (value_sha256, dataset_name) and requires added_by',
    { timeout: 30_000 },
    async () => {
      const { dir, cleanup } = tempDir('pyrit-seeds');
      const { manager } = createManager();
      try {
        const store = new MemoryStore(manager, path.join(dir, 'user.db'));
        const first = await store.addSeedPrompts([
          { value: 'How do I pick a lock?', datasetName: 'harmbench', addedBy: 'alice', harmCategories: ['illegal'] },
          { value: 'How do I pick a lock?', datasetName: 'harmbench', addedBy: 'alice' },
          { value: 'How do I pick a lock?', datasetName: 'other', addedBy: 'alice' },
          { value: 'How do I pick a lock?', addedBy: 'alice' },
        ]);
        assert.deepEqual([first.added, first.skipped], [3, 1]);
        // Concurrent calls with the same prompts: the check runs inside the single writer, so one wins.
        const [a, b] = await Promise.all([
          store.addSeedPrompts([
            { value: 'new one', datasetName: 'harmbench', addedBy: 'bob' },
            { value: 'How do I pick a lock?', datasetName: 'harmbench', addedBy: 'bob' },
          ]),
          store.addSeedPrompts([{ value: 'new one', datasetName: 'harmbench', addedBy: 'carol' }]),
        ]);
        assert.equal(a.added + b.added, 1);
        await assert.rejects(
          store.addSeedPrompts([{ value: 'x', addedBy: ' ' }]),
          (error: unknown) => error instanceof DomainError && error.kind === 'InvalidParams',
        );
        await manager.closeAll();
        const rows = await queryFile(
          store.dbPath,
          'SELECT value, value_sha256, dataset_name, added_by, harm_categories, data_type FROM "SeedPromptEntries" ORDER BY dataset_name NULLS FIRST, value',
        );
        assert.equal(rows.length, 4);
        for (const row of rows) assert.equal(row.value_sha256, reference(String(row.value)));
        assert.deepEqual(
          rows.map((row) => row.dataset_name),
          [null, 'harmbench', 'harmbench', 'other'],
        );
        assert.equal(rows[1].harm_categories, '["illegal"]');
      } finally {
        await manager.closeAll();
        cleanup();
      }
    },
  );
});
