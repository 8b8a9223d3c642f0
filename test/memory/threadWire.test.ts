// How write jobs cross to the memory thread (daemon/memory/thread/threadWire.ts): every job's rows, packed as the
// columns of one post, come out on the other side as the rows the job gave, after the same structured clone
// postMessage applies. The memory suites run the whole thread on top of this; here, the cases they would not hit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRequestPiece, buildResponsePiece, buildScoreRow } from '../../daemon/memory/pyritRecords';
import type { RowsByTable } from '../../daemon/memory/tableRows';
import type { ToMemoryThread } from '../../daemon/memory/thread/threadMessages';
import { fromWire, toWire } from '../../daemon/memory/thread/threadWire';
import { executionContext } from './memoryTestKit';

const context = executionContext();

function exchangeRows(key: string): RowsByTable {
  const request = buildRequestPiece(context, { prompt: `prompt ${key}`, promptKey: key });
  const response = buildResponsePiece(context, request, { value: `answer ${key}` });
  const score = buildScoreRow({
    pieceId: response.row.id,
    scoreType: 'true_false',
    value: true,
    category: 'jailbreak',
    rationale: null,
    scorer: { __type__: 'SubStringScorer', __module__: 'pyrit.score' },
    timestamp: new Date('2026-12-01T10:00:00Z'),
  });
  return {
    PromptMemoryEntries: [request.row, response.row],
    ScoreEntries: [score],
    EmbeddingData: [{ id: response.row.id, embedding: [0.25, -1, 3.5], embedding_type_name: 'test' }],
    // An index row from before schema 9 lacks the request columns; the next has them.
    execution_attack_results: [
      { execution_id: 'e', attack_result_id: `a-${key}`, prompt_index: 0 },
      {
        execution_id: 'e',
        attack_result_id: `b-${key}`,
        prompt_index: 1,
        request_piece_id: null,
        converter_types: '[]',
      },
    ],
  };
}

function crossed(messages: ToMemoryThread[]): ToMemoryThread[] {
  return fromWire(structuredClone(toWire(messages)));
}

describe('the memory thread wire', () => {
  it('gives every job of a post its own rows back, values, nulls, timestamps, embeddings and absent columns kept', () => {
    const messages: ToMemoryThread[] = [
      { type: 'write', id: 1, dbPath: '/m.db', rows: exchangeRows('1') },
      { type: 'query', id: 2, dbPath: '/m.db', sql: 'SELECT 1' },
      { type: 'transaction', id: 3, dbPath: '/m.db' },
      { type: 'write', id: 4, dbPath: '/m.db', rows: exchangeRows('2') },
      { type: 'txAppend', id: 5, attempt: 1, rows: { ScoreEntries: exchangeRows('3').ScoreEntries } },
    ];
    const out = crossed(messages);
    assert.deepEqual(out, messages);
    const indexRows = (out[0] as { rows: RowsByTable }).rows.execution_attack_results ?? [];
    assert.equal('request_piece_id' in indexRows[0], false, 'a column the row did not have stays absent');
    assert.equal(indexRows[1].request_piece_id, null);
    assert.equal(typeof (out[3] as { rows: RowsByTable }).rows.PromptMemoryEntries?.[0].timestamp, 'bigint');
  });

  it('sends each distinct string once per post, however many rows repeat it', () => {
    const messages: ToMemoryThread[] = Array.from({ length: 50 }, (_, id) => ({
      type: 'write' as const,
      id,
      dbPath: '/m.db',
      rows: exchangeRows(String(id)),
    }));
    const post = toWire(messages);
    assert.equal(new Set(post.rows.strings).size, post.rows.strings.length);
    const labels = messages[0].type === 'write' ? messages[0].rows.PromptMemoryEntries?.[0].labels : undefined;
    assert.ok(labels !== undefined && labels !== null && post.rows.strings.includes(labels));
    assert.deepEqual(fromWire(structuredClone(post)), messages);
  });

  it('carries a column that is text in one job and a number in another as its values', () => {
    const rows = (value: string | number): RowsByTable => ({
      execution_model_calls: [
        {
          execution_id: 'e',
          role: 'scorer',
          model_name: null,
          endpoint: null,
          prompt_tokens: null,
          completion_tokens: null,
          cost_usd: null,
          called_at: 5n,
          // Not a shape the store builds: the wire must not depend on one column keeping one type.
          ...({ note: value } as object),
        },
      ],
    });
    const messages: ToMemoryThread[] = [
      { type: 'write', id: 1, dbPath: '/m.db', rows: rows('text') },
      { type: 'write', id: 2, dbPath: '/m.db', rows: rows(7) },
    ];
    assert.deepEqual(crossed(messages), messages);
  });
});
