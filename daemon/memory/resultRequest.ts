import type { PromptPiece } from './pyritRecords';
import { integer, parsedJson, text } from './rowValues';
import type { SqlReader, SqlSession } from './sqlSession';

/**
 * Which piece of its conversation an attack result shows as the request, and that piece's converter chain, kept
 * on the result's index row (execution_attack_results, schema 9) so that results/summary and results/compare read
 * only the narrow tables instead of finding the request among PyRIT's pieces on every call.
 *
 * The rule is attackResultsById's (what results/list shows): the non-assistant piece just before the judged
 * answer, else the conversation's first user piece, else its first piece. The chain is the request piece's
 * `converter_types` in execution_pieces (a JSON list of converter classes; null without a request).
 */
export interface ResultRequest {
  request_piece_id: string | null;
  converter_types: string | null;
}

export const NO_REQUEST: ResultRequest = { request_piece_id: null, converter_types: null };

interface PieceFacts {
  id: string;
  sequence: number;
  role: string;
}

/** The rule over a conversation's pieces in sequence order. */
export function requestAmong<T extends PieceFacts>(
  conversation: readonly T[],
  responseId: string | null,
): T | undefined {
  const response = responseId === null ? undefined : conversation.find((piece) => piece.id === responseId);
  if (response !== undefined) {
    const before = conversation.find((piece) => piece.sequence === response.sequence - 1 && piece.role !== 'assistant');
    if (before !== undefined) return before;
  }
  return conversation.find((piece) => piece.role === 'user') ?? conversation[0];
}

/**
 * The request when the exchange being written decides it alone: its answer and the piece just before it are
 * both in it (every prompt_sending prompt, most last turns). Undefined when earlier pieces of the conversation
 * could decide it; then requestInMemory reads them.
 */
export function requestInExchange(
  pieces: readonly PromptPiece[],
  conversationId: string,
  responseId: string | null,
): ResultRequest | undefined {
  if (responseId === null) return undefined;
  const response = pieces.find((piece) => piece.id === responseId && piece.conversationId === conversationId);
  if (response === undefined) return undefined;
  const before = pieces.find(
    (piece) =>
      piece.conversationId === conversationId && piece.sequence === response.sequence - 1 && piece.role !== 'assistant',
  );
  if (before === undefined) return undefined;
  return { request_piece_id: before.id, converter_types: before.indexRow?.converter_types ?? null };
}

/**
 * The request from the conversation as stored (inside the write transaction, so this exchange's own pieces
 * count). One conversation, found by PyRIT's index on conversation_id; the chain from the piece's converter
 * identifiers, which is what its execution_pieces row was built from (pyritRecords.buildPiece).
 */
export async function requestInMemory(
  reader: SqlReader,
  conversationId: string,
  responseId: string | null,
): Promise<ResultRequest> {
  const rows = await reader.query(
    `SELECT id::VARCHAR AS id, sequence, role, converter_identifiers FROM "PromptMemoryEntries"
     WHERE conversation_id = $1 ORDER BY sequence`,
    [conversationId],
  );
  const pieces = rows.map((row) => ({
    id: text(row, 'id'),
    sequence: integer(row, 'sequence'),
    role: text(row, 'role'),
    converters: parsedJson(row, 'converter_identifiers'),
  }));
  const request = requestAmong(pieces, responseId);
  if (request === undefined) return NO_REQUEST;
  return {
    request_piece_id: request.id,
    converter_types: request.role === 'assistant' ? null : JSON.stringify(converterClasses(request.converters)),
  };
}

function converterClasses(identifiers: unknown): string[] {
  if (!Array.isArray(identifiers)) return [];
  return identifiers.map((identifier: unknown) =>
    typeof identifier === 'object' && identifier !== null && '__type__' in identifier
      ? String(identifier.__type__)
      : '',
  );
}

/**
 * Fills the request columns of index rows that have none, set-based, with the same rule in SQL (ROW_NUMBER, not
 * DuckDB's arg_min: PostgreSQL runs it too). Migration 9 runs it over every row; an import over its execution's.
 * `$1`, when given, is the execution id.
 */
export function fillRequestsStatement(scope: 'all' | 'execution'): string {
  const where = scope === 'all' ? 'x.request_piece_id IS NULL' : 'x.request_piece_id IS NULL AND x.execution_id = $1';
  return `UPDATE execution_attack_results SET request_piece_id = found.request_piece_id, converter_types = found.converter_types
FROM (
  WITH run AS (
    SELECT x.attack_result_id, x.execution_id, a.conversation_id, a.last_response_id
    FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id WHERE ${where}),
  pieces AS (
    SELECT conversation_id, id, sequence, role FROM "PromptMemoryEntries"
    WHERE conversation_id IN (SELECT conversation_id FROM run)),
  answered AS (
    SELECT r.*, response.sequence AS response_sequence
    FROM run r LEFT JOIN pieces response
      ON response.id = r.last_response_id AND response.conversation_id = r.conversation_id),
  ranked AS (
    SELECT a.attack_result_id, a.execution_id, p.id AS piece_id,
      ROW_NUMBER() OVER (PARTITION BY a.attack_result_id ORDER BY
        CASE WHEN p.sequence = a.response_sequence - 1 AND p.role <> 'assistant' THEN 0
             WHEN p.role = 'user' THEN 1 ELSE 2 END, p.sequence) AS rank
    FROM answered a JOIN pieces p ON p.conversation_id = a.conversation_id)
  SELECT r.attack_result_id, r.piece_id AS request_piece_id, e.converter_types
  FROM ranked r LEFT JOIN execution_pieces e ON e.piece_id = r.piece_id AND e.execution_id = r.execution_id
  WHERE r.rank = 1) found
WHERE execution_attack_results.attack_result_id = found.attack_result_id`;
}

/** What a retried prompt's new exchange changes on the result's index row (its attack result moved with it). */
export async function setRequest(session: SqlSession, attackResultId: string, request: ResultRequest): Promise<void> {
  await session.run(
    `UPDATE execution_attack_results SET request_piece_id = $2::UUID, converter_types = $3::JSON
     WHERE attack_result_id = $1::UUID`,
    [attackResultId, request.request_piece_id, request.converter_types],
  );
}
