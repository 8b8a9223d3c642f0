import { ATTACK_OUTCOMES, type AttackOutcome } from '../../domain/attackOutcome';
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

/** One prompt of a compare, paired across the runs: an outcome is null on the side that lacks that occurrence. */
export interface PairedPrompt {
  prompt: string;
  base: AttackOutcome | null;
  head: AttackOutcome | null;
}

/** One run's results, each numbered among the results of its run with the same prompt text (1, 2, … by index). */
function runSide(parameter: string): string {
  return `SELECT x.prompt_index, a.outcome, coalesce(p.original_value, a.objective) AS prompt,
       ROW_NUMBER() OVER (PARTITION BY coalesce(p.original_value, a.objective) ORDER BY x.prompt_index) AS occurrence
     FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
       LEFT JOIN "PromptMemoryEntries" p ON p.id = x.request_piece_id
     WHERE x.execution_id = ${parameter}`;
}

/**
 * Both runs' prompts paired as comparePrompts pairs them (occurrence k of a text in the base with occurrence k in
 * the head; the base's in its order, then the head's unmatched in its order), in one query: read run by run, every
 * prompt's text crossed into JavaScript twice and was hashed there again to pair, most of a 100k-prompt compare.
 * A side is absent exactly when its outcome is NULL: the column is NOT NULL, so only the outer join leaves one.
 */
export async function comparedPrompts(
  connection: SqlReader,
  baseExecutionId: string,
  headExecutionId: string,
): Promise<PairedPrompt[]> {
  const rows = await connection.query(
    `SELECT coalesce(b.prompt, h.prompt) AS prompt, ${outcomeCode('b.outcome')} AS base_outcome,
       ${outcomeCode('h.outcome')} AS head_outcome
     FROM (${runSide('$1')}) b FULL OUTER JOIN (${runSide('$2')}) h
       ON h.prompt = b.prompt AND h.occurrence = b.occurrence
     ORDER BY b.prompt_index IS NULL, b.prompt_index, h.prompt_index`,
    [baseExecutionId, headExecutionId],
  );
  return rows.map((row) => ({
    prompt: text(row, 'prompt'),
    base: sideOutcome(row.base_outcome),
    head: sideOutcome(row.head_outcome),
  }));
}

/**
 * An outcome as its index in ATTACK_OUTCOMES (0 for a value that is none of them), NULL kept: a number crosses into
 * JavaScript for a fraction of a string's cost, and two outcome strings a row were two thirds of a 100k compare's
 * conversion of rows on the memory thread.
 */
function outcomeCode(column: string): string {
  const cases = ATTACK_OUTCOMES.map((outcome, index) => `WHEN '${outcome}' THEN ${index + 1}`).join(' ');
  return `(CASE ${column} ${cases} ELSE CASE WHEN ${column} IS NULL THEN NULL ELSE 0 END END)::INTEGER`;
}

function sideOutcome(code: unknown): AttackOutcome | null {
  if (code === null || code === undefined) return null;
  return ATTACK_OUTCOMES[Number(code) - 1] ?? 'undetermined';
}
