import fs from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from '../../memory/duckdbModule';
import type { Database, SqlValue } from 'sql.js';
import type { JsonRow } from '../../memory/rowValues';
import {
  toPyritAttackResult,
  toPyritPiece,
  toPyritScore,
  toPyritSeed,
  type ExportedResultRow,
  type PyritRow,
} from './exportMapping';
import { REVISION_DDL, REVISION_TABLES } from './revision';
import { loadSqlJs } from './sqlJs';

/** Rows read from DuckDB at a time: sql.js keeps the file in memory anyway, this bounds the JS-side rows. */
const PAGE_ROWS = 500;

const TIMESTAMP_TEXT = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M:%S.%f') AS ${column.split('.').pop()}`;

async function all(connection: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<JsonRow[]> {
  return (await connection.runAndReadAll(sql, params)).getRowObjectsJson();
}

function resultPage(connection: DuckDBConnection, executionId: string, offset: number): Promise<JsonRow[]> {
  return all(
    connection,
    `SELECT a.id::VARCHAR AS id, a.conversation_id, a.objective, a.objective_sha256, a.attack_identifier::VARCHAR AS attack_identifier,
       a.last_response_id::VARCHAR AS last_response_id, a.automated_score_id::VARCHAR AS automated_score_id,
       a.human_score_id::VARCHAR AS human_score_id, a.executed_turns, a.execution_time_ms, a.outcome, a.outcome_reason,
       a.attack_metadata::VARCHAR AS attack_metadata, a.pruned_conversation_ids::VARCHAR AS pruned_conversation_ids,
       a.adversarial_chat_conversation_ids::VARCHAR AS adversarial_chat_conversation_ids, ${TIMESTAMP_TEXT('a.timestamp')}
     FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
     WHERE x.execution_id = $1 ORDER BY x.prompt_index LIMIT ${PAGE_ROWS} OFFSET ${offset}`,
    [executionId],
  );
}

function piecesOf(connection: DuckDBConnection, conversationIds: readonly string[]): Promise<JsonRow[]> {
  return all(
    connection,
    `SELECT p.id::VARCHAR AS id, p.role, p.conversation_id, p.sequence, ${TIMESTAMP_TEXT('p.timestamp')},
       p.labels::VARCHAR AS labels, p.prompt_metadata::VARCHAR AS prompt_metadata,
       p.converter_identifiers::VARCHAR AS converter_identifiers, p.prompt_target_identifier::VARCHAR AS prompt_target_identifier,
       p.orchestrator_identifier::VARCHAR AS orchestrator_identifier, p.response_error, p.original_value_data_type,
       p.original_value, p.original_value_sha256, p.converted_value_data_type, p.converted_value, p.converted_value_sha256,
       p.original_prompt_id::VARCHAR AS original_prompt_id
     FROM "PromptMemoryEntries" p WHERE list_contains($1::VARCHAR[], p.conversation_id) ORDER BY p.conversation_id, p.sequence`,
    [duckdb().listValue([...conversationIds])],
  );
}

function scoresOf(connection: DuckDBConnection, pieceIds: readonly string[], scoreIds: readonly string[]) {
  return all(
    connection,
    `SELECT s.id::VARCHAR AS id, s.score_value, s.score_value_description, s.score_type, s.score_category, s.score_rationale,
       s.score_metadata, s.scorer_class_identifier::VARCHAR AS scorer_class_identifier,
       s.prompt_request_response_id::VARCHAR AS prompt_request_response_id, ${TIMESTAMP_TEXT('s.timestamp')}, s.task
     FROM "ScoreEntries" s
     WHERE list_contains($1::VARCHAR[], s.prompt_request_response_id::VARCHAR) OR list_contains($2::VARCHAR[], s.id::VARCHAR)`,
    [duckdb().listValue([...pieceIds]), duckdb().listValue([...scoreIds])],
  );
}

function seedsOf(connection: DuckDBConnection, hashes: readonly string[]): Promise<JsonRow[]> {
  return all(
    connection,
    `SELECT id::VARCHAR AS id, value, value_sha256, data_type, name, dataset_name, harm_categories::VARCHAR AS harm_categories,
       description, authors::VARCHAR AS authors, groups::VARCHAR AS groups, source, ${TIMESTAMP_TEXT('date_added')}, added_by,
       prompt_metadata::VARCHAR AS prompt_metadata, parameters::VARCHAR AS parameters,
       prompt_group_id::VARCHAR AS prompt_group_id, sequence
     FROM "SeedPromptEntries" WHERE list_contains($1::VARCHAR[], value_sha256)`,
    [duckdb().listValue([...hashes])],
  );
}

class RevisionWriter {
  private readonly statements = new Map<string, ReturnType<Database['prepare']>>();

  constructor(private readonly database: Database) {
    for (const statement of REVISION_DDL) database.run(statement);
    for (const table of REVISION_TABLES) {
      const names = table.columns.map((column) => column.name);
      this.statements.set(
        table.name,
        database.prepare(
          `INSERT OR IGNORE INTO "${table.name}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        ),
      );
    }
  }

  insert(table: string, row: PyritRow): void {
    const spec = REVISION_TABLES.find((candidate) => candidate.name === table);
    const statement = this.statements.get(table);
    if (spec === undefined || statement === undefined) throw new Error(`no table ${table} in the revision`);
    statement.run(spec.columns.map((column): SqlValue => row[column.name] ?? null));
  }

  finish(): Uint8Array {
    for (const statement of this.statements.values()) statement.free();
    return this.database.export();
  }
}

/**
 * The executions' results as a PyRIT memory at revision ab8f2c1a9d07, written to `file` (a staging path: the
 * caller renames it into place). Results are read a page at a time; the pieces of their conversations (the
 * attacker's too), the scores on them, and the dataset prompts they sent follow each page.
 */
export async function exportPyritMemory(
  connection: DuckDBConnection,
  executionIds: readonly string[],
  file: string,
): Promise<{ results: number }> {
  const SQL = await loadSqlJs();
  const database = new SQL.Database();
  try {
    const writer = new RevisionWriter(database);
    let results = 0;
    database.run('BEGIN');
    for (const executionId of new Set(executionIds)) {
      for (let offset = 0; ; offset += PAGE_ROWS) {
        const page = await resultPage(connection, executionId, offset);
        if (page.length === 0) break;
        results += await exportPage(connection, writer, page);
        if (page.length < PAGE_ROWS) break;
      }
    }
    database.run('COMMIT');
    fs.writeFileSync(file, writer.finish(), { mode: 0o600 });
    return { results };
  } finally {
    database.close();
  }
}

async function exportPage(connection: DuckDBConnection, writer: RevisionWriter, page: JsonRow[]): Promise<number> {
  const results = page.map((row) => row as ExportedResultRow);
  const conversations = new Set<string>();
  for (const result of results) {
    conversations.add(String(result.conversation_id));
    for (const column of ['adversarial_chat_conversation_ids', 'pruned_conversation_ids'] as const)
      for (const id of jsonStrings(result[column])) conversations.add(id);
    const metadata = parseObject(result.attack_metadata);
    if (Array.isArray(metadata.superseded_conversation_ids))
      for (const id of metadata.superseded_conversation_ids) if (typeof id === 'string') conversations.add(id);
  }
  const pieces = await piecesOf(connection, [...conversations]);
  const attackOfConversation = new Map<string, string>();
  for (const result of results)
    attackOfConversation.set(String(result.conversation_id), String(result.attack_identifier));
  for (const piece of pieces) writer.insert('PromptMemoryEntries', toPyritPiece(piece, attackOfConversation));
  const scoreIds = results.flatMap((result) =>
    [result.automated_score_id, result.human_score_id].filter((id): id is string => typeof id === 'string'),
  );
  const scores = await scoresOf(
    connection,
    pieces.map((piece) => String(piece.id)),
    scoreIds,
  );
  const objectiveOfPiece = new Map<string, string>();
  for (const result of results)
    if (typeof result.last_response_id === 'string')
      objectiveOfPiece.set(result.last_response_id, String(result.objective));
  for (const score of scores) writer.insert('ScoreEntries', toPyritScore(score, objectiveOfPiece));
  const exportedScores = new Set(scores.map((score) => String(score.id)));
  const exportedPieces = new Set(pieces.map((piece) => String(piece.id)));
  for (const result of results)
    writer.insert('AttackResultEntries', toPyritAttackResult(result, exportedPieces, exportedScores));
  const hashes = pieces
    .filter((piece) => piece.role === 'user' && typeof piece.original_value_sha256 === 'string')
    .map((piece) => String(piece.original_value_sha256));
  if (hashes.length > 0)
    for (const seed of await seedsOf(connection, [...new Set(hashes)]))
      writer.insert('SeedPromptEntries', toPyritSeed(seed));
  return results.length;
}

function jsonStrings(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function parseObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
