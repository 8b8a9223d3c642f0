import type { DuckDBConnection } from '@duckdb/node-api';
import { integer, text, textOrNull } from './rowValues';

/**
 * Multi-turn runs mark the last piece of each finished objective with prompt_metadata
 * `{red_team_result, red_team_turns, red_team_score}`: one row per objective, whatever the number of turns.
 * Resume skips those objectives and `results/objectives` lists them.
 */
export interface ObjectiveOutcome {
  /** The objective's index in the execution's input: its prompt key. */
  objective_index: number;
  /** The target conversation (for an attacker failure before any target turn, the attacker's). */
  conversation_id: string;
  status: 'success' | 'failure' | 'error';
  turns: number;
  /** The objective scorer's last verdict, "True"/"False"; null when nothing was scored. */
  score: string | null;
}

const STATUSES: ReadonlySet<string> = new Set(['success', 'failure', 'error']);

export async function objectiveOutcomes(
  connection: DuckDBConnection,
  executionId: string,
): Promise<ObjectiveOutcome[]> {
  // The adversarial conversation is not in execution_pieces (it is not an answer to an input prompt), so the
  // markers are found through the labels; this runs on resume and on demand, not per piece.
  const reader = await connection.runAndReadAll(
    `SELECT conversation_id,
       TRY_CAST(json_extract_string(labels, '$.objective_index') AS INTEGER) AS objective_index,
       json_extract_string(prompt_metadata, '$.red_team_result') AS status,
       coalesce(TRY_CAST(json_extract_string(prompt_metadata, '$.red_team_turns') AS INTEGER), 0) AS turns,
       nullif(json_extract_string(prompt_metadata, '$.red_team_score'), '') AS score
     FROM "PromptMemoryEntries"
     WHERE json_extract_string(labels, '$.execution_id') = $1
       AND json_extract_string(prompt_metadata, '$.red_team_result') IS NOT NULL
     ORDER BY objective_index, timestamp`,
    [executionId],
  );
  const outcomes: ObjectiveOutcome[] = [];
  const seen = new Set<number>();
  for (const row of reader.getRowObjectsJson()) {
    const status = text(row, 'status');
    if (row.objective_index === null || !STATUSES.has(status)) continue;
    const index = integer(row, 'objective_index');
    // A retried objective has one marker per finished attempt; the first one is what the run reported.
    if (seen.has(index)) continue;
    seen.add(index);
    outcomes.push({
      objective_index: index,
      conversation_id: text(row, 'conversation_id'),
      status: status as ObjectiveOutcome['status'],
      turns: integer(row, 'turns'),
      score: textOrNull(row, 'score'),
    });
  }
  return outcomes;
}
