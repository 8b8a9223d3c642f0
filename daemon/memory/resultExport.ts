import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Writes an execution's results to a file with DuckDB's own writers (COPY … TO), so CSV quoting, JSON escaping
 * and Parquet encoding are DuckDB's and a million-row run never passes through JavaScript.
 *
 * One row per conversation, exactly what results/list shows for it: the opening request, the first answer and
 * every score of the conversation. Multi-turn runs keep that shape (one row per conversation) and add `turns`,
 * the number of answers the target gave, so a thread's length is visible without a row per piece.
 */

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';

/** DuckDB's FORMAT names; JSONL is DuckDB's default JSON layout (one object per line). */
const DUCKDB_FORMAT: Record<ExportFormat, string> = {
  csv: 'CSV, HEADER',
  jsonl: 'JSON',
  parquet: 'PARQUET',
};

/** Export columns, in file order. Kept here so docs and tests can name them. */
export const EXPORT_COLUMNS = [
  'execution_id',
  'conversation_id',
  'original_value',
  'converted_value',
  'converters',
  'response',
  'response_error',
  'turns',
  'scores',
] as const;

// Same choices as listResults: conversations in the order the run started them (id breaks ties); the request is
// the first non-assistant piece of sequence 0 (else the first piece); the response is the first assistant piece.
const EXPORT_SELECT = `
  WITH run AS (
    SELECT conversation_id, min(piece_timestamp) AS started FROM execution_pieces WHERE execution_id = $1 GROUP BY conversation_id),
  pieces AS (
    SELECT p.id, p.conversation_id, p.sequence, p.role, p.timestamp, p.original_value, p.converted_value, p.converter_identifiers, p.response_error,
      row_number() OVER (PARTITION BY p.conversation_id ORDER BY CASE WHEN p.sequence = 0 AND p.role <> 'assistant' THEN 0 ELSE 1 END, p.sequence, p.timestamp, p.id) AS request_rank,
      row_number() OVER (PARTITION BY p.conversation_id, p.role = 'assistant' ORDER BY p.sequence, p.timestamp, p.id) AS role_rank
    FROM "PromptMemoryEntries" p JOIN run USING (conversation_id)),
  requests AS (SELECT * FROM pieces WHERE request_rank = 1),
  responses AS (SELECT * FROM pieces WHERE role = 'assistant' AND role_rank = 1),
  turns AS (SELECT conversation_id, count(*) FILTER (WHERE role = 'assistant')::INTEGER AS turns FROM pieces GROUP BY conversation_id),
  scores AS (
    SELECT p.conversation_id,
      to_json(list({
        'score_value': s.score_value, 'score_type': s.score_type, 'score_category': s.score_category,
        'score_rationale': s.score_rationale,
        'scorer': coalesce(json_extract_string(s.scorer_class_identifier, '$.__type__'), 'unknown')
      } ORDER BY p.sequence, p.timestamp, p.id, s.timestamp, s.id)) AS scores
    FROM "ScoreEntries" s JOIN pieces p ON s.prompt_request_response_id = p.id GROUP BY p.conversation_id)
  SELECT $1::VARCHAR AS execution_id, run.conversation_id,
    q.original_value,
    coalesce(q.converted_value, q.original_value) AS converted_value,
    CASE WHEN json_type(q.converter_identifiers) = 'ARRAY'
      THEN to_json(list_transform(json_extract_string(q.converter_identifiers, '$[*].__type__'), name -> coalesce(name, 'unknown')))
      ELSE '[]'::JSON END AS converters,
    CASE WHEN a.id IS NULL THEN NULL ELSE coalesce(a.converted_value, '') END AS response,
    CASE WHEN a.id IS NULL THEN NULL ELSE coalesce(a.response_error, 'none') END AS response_error,
    coalesce(t.turns, 0) AS turns,
    coalesce(sc.scores, '[]'::JSON) AS scores
  FROM run
    JOIN requests q USING (conversation_id)
    LEFT JOIN responses a USING (conversation_id)
    LEFT JOIN turns t USING (conversation_id)
    LEFT JOIN scores sc USING (conversation_id)
  ORDER BY run.started, run.conversation_id`;

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
    `COPY (${EXPORT_SELECT}) TO ${copyPathLiteral(filePath)} (FORMAT ${DUCKDB_FORMAT[format]})`,
    [executionId],
  );
  const [row] = reader.getRowObjectsJson();
  return row === undefined ? 0 : Number(row.Count ?? 0);
}
