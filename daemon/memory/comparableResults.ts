import type { AttackOutcome } from '../../domain/attackOutcome';
import { isStoredOutcome } from './attackResults';
import { integer, text, textOrNull } from './rowValues';
import type { SqlReader } from './sqlSession';

/** One result of a run as results/compare needs it: no pieces, scores or labels beyond the stored outcome. */
export interface ComparableResult {
  prompt_index: number;
  /** The request's original text, or the objective when the result has no pieces. */
  prompt: string;
  outcome: AttackOutcome;
}

/**
 * Every result of the run in prompt order, in one query: fetching whole results page by page (what a results view
 * needs) cost compare most of its time at 100k prompts. The request is the one attackResultsById shows: the
 * non-assistant piece just before the last response, else the conversation's first user piece, else its first.
 */
export async function comparableResults(connection: SqlReader, executionId: string): Promise<ComparableResult[]> {
  // ROW_NUMBER rather than DuckDB's arg_min: the same text runs on PostgreSQL (daemon/memory/postgres).
  const rows = await connection.query(
    `WITH run AS (
       SELECT x.prompt_index, a.conversation_id, a.objective, a.outcome, a.last_response_id
       FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
       WHERE x.execution_id = $1),
     pieces AS (
       SELECT conversation_id, id, sequence, role, original_value FROM "PromptMemoryEntries"
       WHERE conversation_id IN (SELECT conversation_id FROM run)),
     answered AS (
       SELECT r.*, response.sequence AS response_sequence
       FROM run r LEFT JOIN pieces response
         ON response.id = r.last_response_id AND response.conversation_id = r.conversation_id),
     ranked AS (
       SELECT a.prompt_index, a.objective, a.outcome, p.original_value AS request_value,
         ROW_NUMBER() OVER (PARTITION BY a.prompt_index ORDER BY
           CASE WHEN p.sequence = a.response_sequence - 1 AND p.role <> 'assistant' THEN 0
                WHEN p.role = 'user' THEN 1 ELSE 2 END, p.sequence) AS rank
       FROM answered a LEFT JOIN pieces p ON p.conversation_id = a.conversation_id)
     SELECT prompt_index, objective, outcome, request_value FROM ranked WHERE rank = 1 ORDER BY prompt_index`,
    [executionId],
  );
  return rows.map((row) => {
    const outcome = textOrNull(row, 'outcome');
    return {
      prompt_index: integer(row, 'prompt_index'),
      prompt: textOrNull(row, 'request_value') ?? text(row, 'objective'),
      outcome: isStoredOutcome(outcome) ? outcome : 'undetermined',
    };
  });
}
