import { HELD_WHEN_TRUE } from './attackResults';
import { FORMULA_TRIGGERS } from '../../domain/csvFormula';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Writes an execution's results to a file with DuckDB's own writers (COPY … TO), so CSV quoting, JSON escaping
 * and Parquet encoding are DuckDB's and a million-row run never passes through JavaScript.
 *
 * One row per attack result (a prompt, or a multi-turn objective), exactly what results/list shows for it: the
 * judged turn's request and answer, that answer's scores, the stored outcome (a reviewer's label applied) beside
 * the automated one, and `turns`, the turns sent (as results/objectives counts them).
 */

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';

/** The classes whose legacy scores read True as held (attackResults.ts): named from that one list. */
const HELD_WHEN_TRUE_SQL = [...HELD_WHEN_TRUE].map((name) => `'${name.replace(/'/g, "''")}'`).join(', ');

/** DuckDB's FORMAT names; JSONL is DuckDB's default JSON layout (one object per line). */
const DUCKDB_FORMAT: Record<ExportFormat, string> = {
  csv: 'CSV, HEADER',
  jsonl: 'JSON',
  parquet: 'PARQUET',
};

/** Export columns, in file order. Kept here so docs and tests can name them. */
export const EXPORT_COLUMNS = [
  'execution_id',
  'attack_result_id',
  'prompt_index',
  'conversation_id',
  'original_value',
  'converted_value',
  'converters',
  'response',
  'response_error',
  'outcome',
  'automated_outcome',
  'outcome_reason',
  'label_note',
  'turns',
  'scores',
] as const;

const EXPORT_SELECT = `
  WITH run AS (
    SELECT x.prompt_index, a.id, a.conversation_id, a.objective, a.outcome, a.outcome_reason, a.attack_metadata,
      a.last_response_id, a.human_score_id, a.executed_turns
    FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
    WHERE x.execution_id = $1),
  responses AS (
    SELECT r.id AS result_id, p.sequence, p.converted_value, p.response_error
    FROM run r JOIN "PromptMemoryEntries" p ON p.id = r.last_response_id),
  requests AS (
    SELECT r.id AS result_id, p.original_value, p.converted_value, p.converter_identifiers,
      row_number() OVER (PARTITION BY r.id ORDER BY p.timestamp, p.id) AS nth
    FROM run r
      JOIN "PromptMemoryEntries" p ON p.conversation_id = r.conversation_id AND p.role <> 'assistant'
      LEFT JOIN responses a ON a.result_id = r.id
    WHERE p.sequence = coalesce(a.sequence - 1, 0)),
  scores AS (
    SELECT r.id AS result_id,
      to_json(list({
        'score_value': s.score_value, 'score_type': s.score_type, 'score_category': s.score_category,
        'score_rationale': s.score_rationale,
        'scorer': coalesce(json_extract_string(s.scorer_class_identifier, '$.__type__'), 'unknown'),
        'true_means': coalesce(json_extract_string(s.scorer_class_identifier, '$.true_means'),
          CASE WHEN json_extract_string(s.scorer_class_identifier, '$.__type__') IN (${HELD_WHEN_TRUE_SQL}) THEN 'held' ELSE 'success' END),
        'objective': coalesce(json_extract_string(s.scorer_class_identifier, '$.objective'), 'true') = 'true'
      } ORDER BY s.timestamp, s.id)) AS scores
    FROM run r JOIN "ScoreEntries" s ON s.prompt_request_response_id = r.last_response_id
    WHERE r.human_score_id IS NULL OR s.id <> r.human_score_id
    GROUP BY r.id),
  labels AS (
    SELECT r.id AS result_id, s.score_rationale AS note FROM run r JOIN "ScoreEntries" s ON s.id = r.human_score_id)
  SELECT $1::VARCHAR AS execution_id, r.id::VARCHAR AS attack_result_id, r.prompt_index, r.conversation_id,
    coalesce(q.original_value, r.objective) AS original_value,
    coalesce(q.converted_value, q.original_value, r.objective) AS converted_value,
    CASE WHEN json_type(q.converter_identifiers) = 'ARRAY'
      THEN to_json(list_transform(json_extract_string(q.converter_identifiers, '$[*].__type__'), name -> coalesce(name, 'unknown')))
      ELSE '[]'::JSON END AS converters,
    a.converted_value AS response,
    a.response_error,
    r.outcome,
    coalesce(json_extract_string(r.attack_metadata, '$.automated_outcome'), r.outcome) AS automated_outcome,
    coalesce(json_extract_string(r.attack_metadata, '$.automated_outcome_reason'), r.outcome_reason) AS outcome_reason,
    l.note AS label_note,
    r.executed_turns AS turns,
    coalesce(sc.scores, '[]'::JSON) AS scores
  FROM run r
    LEFT JOIN requests q ON q.result_id = r.id AND q.nth = 1
    LEFT JOIN responses a ON a.result_id = r.id
    LEFT JOIN scores sc ON sc.result_id = r.id
    LEFT JOIN labels l ON l.result_id = r.id
  ORDER BY r.prompt_index`;

/** The text columns a person reads in a spreadsheet; the JSON ones (converters, scores) always start with `[`. */
const CSV_TEXT_COLUMNS = [
  'execution_id',
  'attack_result_id',
  'conversation_id',
  'original_value',
  'converted_value',
  'response',
  'response_error',
  'outcome',
  'automated_outcome',
  'outcome_reason',
  'label_note',
] as const satisfies readonly (typeof EXPORT_COLUMNS)[number][];

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** chr() for the tab and CR, so the statement holds no control character. */
const TRIGGERS_SQL = FORMULA_TRIGGERS.map((char) =>
  /[\t\r]/.test(char) ? `chr(${char.charCodeAt(0)})` : sqlString(char),
);

/**
 * CSV only: a cell that a spreadsheet would run as a formula gets a leading `'` (domain/csvFormula.ts, the same rule
 * as the extension's CSV). JSONL and Parquet are read by programs and keep every value exact.
 */
const CSV_SELECT = `
  SELECT * REPLACE (${CSV_TEXT_COLUMNS.map(
    (column) =>
      `CASE WHEN left(${column}, 1) IN (${TRIGGERS_SQL.join(', ')}) THEN '''' || ${column} ELSE ${column} END AS ${column}`,
  ).join(',\n    ')})
  FROM (${EXPORT_SELECT})
  ORDER BY prompt_index`;

/**
 * COPY … TO takes its path as a literal, not a parameter, so it is quoted here: single quotes doubled, and
 * characters that could end the statement or the string in any other way refused outright.
 */
export function copyPathLiteral(filePath: string): string {
  if (/[\n\r\0]/.test(filePath)) throw new Error('The export path contains a newline or NUL character.');
  return `'${filePath.replace(/'/g, "''")}'`;
}

/** Writes the file and returns how many rows DuckDB wrote. */
export async function copyExecutionResults(
  connection: DuckDBConnection,
  executionId: string,
  format: ExportFormat,
  filePath: string,
): Promise<number> {
  const reader = await connection.runAndReadAll(
    `COPY (${format === 'csv' ? CSV_SELECT : EXPORT_SELECT}) TO ${copyPathLiteral(filePath)} (FORMAT ${DUCKDB_FORMAT[format]})`,
    [executionId],
  );
  const [row] = reader.getRowObjectsJson();
  return row === undefined ? 0 : Number(row.Count ?? 0);
}
