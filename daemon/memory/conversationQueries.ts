import type { SqlReader } from './sqlSession';
import { toStoredScore, type StoredScore } from './attackResultQueries';
import { HUMAN_LABEL_SCORER } from './attackResultWrites';
import { integer, parsedJson, text, textOrNull, type JsonRow } from './rowValues';

/**
 * One conversation of an execution, turn by turn, for the results panel's thread view. The conversation is
 * found by id and must carry the execution's `execution_id` label (target and attacker conversations of a
 * red_teaming run both do), so an id from another execution reads as absent.
 */
export type ConversationTurnScore = StoredScore;

export interface ConversationTurn {
  sequence: number;
  role: string;
  original_value: string;
  converted_value: string | null;
  response_error: string | null;
  /** prompt_metadata `backtracked` (a refused turn the target was made to forget). */
  backtracked: boolean;
  scores: ConversationTurnScore[];
}

function isBacktracked(metadata: unknown): boolean {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return false;
  const flag = (metadata as Record<string, unknown>).backtracked;
  return flag === 1 || flag === true || flag === '1' || flag === 'true';
}

/** The conversation's pieces in sequence order with their scores; null when it is not part of the execution. */
export async function conversationTurns(
  connection: SqlReader,
  executionId: string,
  conversationId: string,
): Promise<ConversationTurn[] | null> {
  const pieces: JsonRow[] = await connection.query(
    `SELECT id::VARCHAR AS id, sequence, role, original_value, converted_value, response_error, prompt_metadata::VARCHAR AS prompt_metadata
       FROM "PromptMemoryEntries"
       WHERE conversation_id = $1 AND json_extract_string(labels, '$.execution_id') = $2
       ORDER BY sequence, timestamp`,
    [conversationId, executionId],
  );
  if (pieces.length === 0) return null;
  const ids = pieces.map((row) => text(row, 'id'));
  const scoreRows: JsonRow[] = await connection.query(
    `SELECT id::VARCHAR AS id, prompt_request_response_id::VARCHAR AS piece_id, score_value, score_value_description,
         score_type, score_category, score_rationale, scorer_class_identifier, timestamp::VARCHAR AS timestamp
       FROM "ScoreEntries" WHERE prompt_request_response_id IN (${ids.map((_, index) => `$${index + 1}::UUID`).join(', ')})
       ORDER BY timestamp, id`,
    ids,
  );
  const scoresByPiece = new Map<string, ConversationTurnScore[]>();
  for (const row of scoreRows) {
    const pieceId = text(row, 'piece_id');
    const score = toStoredScore(row);
    // A reviewer's label is the attack result's, shown with it, not as one more score of the turn.
    if (score.scorer === HUMAN_LABEL_SCORER.__type__) continue;
    const list = scoresByPiece.get(pieceId);
    if (list === undefined) scoresByPiece.set(pieceId, [score]);
    else list.push(score);
  }
  return pieces.map((row) => ({
    sequence: integer(row, 'sequence'),
    role: text(row, 'role'),
    original_value: text(row, 'original_value'),
    converted_value: textOrNull(row, 'converted_value'),
    response_error: textOrNull(row, 'response_error'),
    backtracked: isBacktracked(parsedJson(row, 'prompt_metadata')),
    scores: scoresByPiece.get(text(row, 'id')) ?? [],
  }));
}
