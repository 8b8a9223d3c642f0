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
 * needs) cost compare most of its time at 100k prompts. The request is the one attackResultsById shows, kept on the
 * result's index row (resultRequest.ts): finding it among the run's pieces on every compare cost most of the rest.
 */
export async function comparableResults(connection: SqlReader, executionId: string): Promise<ComparableResult[]> {
  // One text column, not the request's and the objective's both: every string crosses into JavaScript.
  const rows = await connection.query(
    `SELECT x.prompt_index, a.outcome, coalesce(p.original_value, a.objective) AS prompt
     FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
       LEFT JOIN "PromptMemoryEntries" p ON p.id = x.request_piece_id
     WHERE x.execution_id = $1 ORDER BY x.prompt_index`,
    [executionId],
  );
  return rows.map((row) => {
    const outcome = textOrNull(row, 'outcome');
    return {
      prompt_index: integer(row, 'prompt_index'),
      prompt: text(row, 'prompt'),
      outcome: isStoredOutcome(outcome) ? outcome : 'undetermined',
    };
  });
}
