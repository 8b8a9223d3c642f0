import type { SqlReader } from './sqlSession';
import { decideOutcome, failedAttackOutcome, type JudgedScore, type OutcomeDecision } from '../../domain/attackOutcome';
import type { JsonValue } from '../../domain/json';
import { ATTACK_IDENTIFIERS, buildAttackResult, storedJudging } from './attackResults';
import { integer, parsedJson, text, textOrNull, type JsonRow } from './rowValues';
import type { AttackResultRow, ExecutionAttackResultRow, RowsByTable } from './tableRows';

/**
 * Schema 4 gives executions stored before attack results existed their rows, decided by the same outcome rule
 * from the scores already stored (every score counting, combined by OR, which is what the figures of those runs
 * meant). A red_teaming objective's end was marked on its last piece (`red_team_result`); a prompt_sending prompt
 * is its conversation. Runs once per file, inside the migration's transaction, which stores the rows it returns.
 */
export async function backfillAttackResults(connection: SqlReader): Promise<RowsByTable> {
  const executions = await connection.query(
    `SELECT e.id::VARCHAR AS id, e.orchestrator_id::VARCHAR AS orchestrator_id, e.input_data,
         coalesce(c.orchestrator_type, '') AS orchestrator_type
       FROM orchestrator_executions e LEFT JOIN orchestrator_configurations c ON c.id = e.orchestrator_id`,
  );
  const results: AttackResultRow[] = [];
  const index: ExecutionAttackResultRow[] = [];
  for (const execution of executions) {
    const executionId = text(execution, 'id');
    const rows = await objectiveRows(connection, executionId, execution);
    const built =
      rows.length > 0 ? rows : await promptRows(connection, executionId, text(execution, 'orchestrator_id'));
    for (const { row, indexRow } of built) {
      results.push(row);
      index.push(indexRow);
    }
  }
  return { AttackResultEntries: results, execution_attack_results: index };
}

type Built = ReturnType<typeof buildAttackResult>;

async function scoresOn(connection: SqlReader, pieceIds: readonly string[]): Promise<Map<string, JudgedScore[]>> {
  const byPiece = new Map<string, JudgedScore[]>();
  if (pieceIds.length === 0) return byPiece;
  const rows = await connection.query(
    `SELECT s.id::VARCHAR AS id, s.score_type, s.score_value, s.scorer_class_identifier,
         s.prompt_request_response_id::VARCHAR AS piece_id
       FROM "ScoreEntries" s JOIN (SELECT unnest($1::VARCHAR[])::UUID AS piece_id) p ON s.prompt_request_response_id = p.piece_id
       ORDER BY s.timestamp, s.id`,
    [[...pieceIds]],
  );
  for (const row of rows) {
    const identifier = parsedJson(row, 'scorer_class_identifier');
    const judging = storedJudging(identifier);
    const scorer =
      typeof identifier === 'object' &&
      identifier !== null &&
      !Array.isArray(identifier) &&
      typeof identifier.__type__ === 'string'
        ? identifier.__type__
        : 'unknown';
    const list = byPiece.get(text(row, 'piece_id')) ?? [];
    list.push({
      id: text(row, 'id'),
      scorer,
      score_type: text(row, 'score_type') === 'float_scale' ? 'float_scale' : 'true_false',
      score_value: text(row, 'score_value'),
      true_means: judging.true_means,
      threshold: judging.threshold ?? undefined,
      objective: true,
    });
    byPiece.set(text(row, 'piece_id'), list);
  }
  return byPiece;
}

function elapsedMs(from: string | null, to: string | null): number {
  if (from === null || to === null) return 0;
  return Math.max(0, Date.parse(`${to.replace(' ', 'T')}Z`) - Date.parse(`${from.replace(' ', 'T')}Z`));
}

async function promptRows(connection: SqlReader, executionId: string, orchestratorId: string): Promise<Built[]> {
  const conversations = await connection.query(
    // A prompt sent again by a resume (its first request never got an answer) is judged by its answered
    // conversation. Red-teaming conversations (their labels name the attacker's) are never prompts: an objective
    // without a final marker was not finished, and resume must still run it.
    `WITH answered AS (
         SELECT DISTINCT conversation_id FROM execution_pieces WHERE execution_id = $1 AND sequence = 1),
       firsts AS (
         SELECT e.conversation_id, e.prompt_key, e.piece_timestamp,
           row_number() OVER (PARTITION BY e.prompt_key
             ORDER BY a.conversation_id IS NULL, e.piece_timestamp, e.conversation_id) AS nth
         FROM execution_pieces e LEFT JOIN answered a ON a.conversation_id = e.conversation_id
         WHERE e.execution_id = $1 AND e.sequence = 0 AND e.prompt_key IS NOT NULL)
       SELECT f.conversation_id, TRY_CAST(f.prompt_key AS INTEGER) AS prompt_index,
         q.original_value, q.labels, q.timestamp::VARCHAR AS sent_at,
         r.id::VARCHAR AS response_id, r.response_error, r.original_value AS response_text, r.timestamp::VARCHAR AS answered_at
       FROM firsts f
         JOIN "PromptMemoryEntries" q ON q.conversation_id = f.conversation_id AND q.sequence = 0
         LEFT JOIN "PromptMemoryEntries" r ON r.conversation_id = f.conversation_id AND r.sequence = 1
       WHERE f.nth = 1 AND TRY_CAST(f.prompt_key AS INTEGER) IS NOT NULL
         AND json_extract_string(q.labels, '$.red_team_conversation_id') IS NULL`,
    [executionId],
  );
  const scores = await scoresOn(
    connection,
    conversations.map((row) => textOrNull(row, 'response_id')).filter((id): id is string => id !== null),
  );
  return conversations.map((row) => {
    const responseId = textOrNull(row, 'response_id');
    const decision = decideOutcome({
      response_error: responseId === null ? null : (textOrNull(row, 'response_error') ?? 'none'),
      error_message: textOrNull(row, 'response_text') ?? undefined,
      scores: responseId === null ? [] : (scores.get(responseId) ?? []),
      aggregator: 'OR',
    });
    return buildAttackResult({
      executionId,
      promptIndex: integer(row, 'prompt_index'),
      conversationId: text(row, 'conversation_id'),
      objective: text(row, 'original_value'),
      attack: { ...ATTACK_IDENTIFIERS.promptSending, id: orchestratorId },
      lastResponseId: responseId,
      decision,
      executedTurns: responseId === null ? 0 : 1,
      executionTimeMs: elapsedMs(textOrNull(row, 'sent_at'), textOrNull(row, 'answered_at')),
      labelsJson: textOrNull(row, 'labels') ?? '{}',
      metadata: { backfilled: true },
    });
  });
}

async function objectiveRows(connection: SqlReader, executionId: string, execution: JsonRow): Promise<Built[]> {
  const markers = await connection.query(
    `SELECT id::VARCHAR AS id, conversation_id, role, labels, response_error, original_value,
         TRY_CAST(json_extract_string(labels, '$.objective_index') AS INTEGER) AS objective_index,
         json_extract_string(labels, '$.red_team_conversation_id') AS adversarial_id,
         json_extract_string(prompt_metadata, '$.red_team_result') AS status,
         coalesce(TRY_CAST(json_extract_string(prompt_metadata, '$.red_team_turns') AS INTEGER), 0) AS turns,
         coalesce(TRY_CAST(json_extract_string(prompt_metadata, '$.red_team_backtracks') AS INTEGER), 0) AS backtracks,
         timestamp::VARCHAR AS ended_at
       FROM "PromptMemoryEntries"
       WHERE json_extract_string(labels, '$.execution_id') = $1
         AND json_extract_string(prompt_metadata, '$.red_team_result') IS NOT NULL
       ORDER BY objective_index, timestamp`,
    [executionId],
  );
  if (markers.length === 0) return [];
  const firsts = new Map<number, JsonRow>();
  for (const marker of markers) {
    const index = marker.objective_index;
    // A retried objective has one marker per finished attempt; the first one is what the run reported.
    if (typeof index === 'number' && !firsts.has(index)) firsts.set(index, marker);
  }
  const scores = await scoresOn(
    connection,
    [...firsts.values()].map((marker) => text(marker, 'id')),
  );
  const inputData = parsedJson(execution, 'input_data');
  const promptList = objectiveList(inputData);
  return [...firsts].map(([index, marker]) => {
    const markerId = text(marker, 'id');
    const status = text(marker, 'status');
    const onTarget =
      text(marker, 'role') === 'assistant' && text(marker, 'conversation_id') !== textOrNull(marker, 'adversarial_id');
    // A marker on the attacker's answer means the attacker failed (its response_error is not the target's); one on
    // a target answer without a response_error means the objective scorer failed.
    const decision: OutcomeDecision =
      status === 'error' && !onTarget
        ? failedAttackOutcome('The attacker model failed, so the objective was not pursued.')
        : status === 'error' && (textOrNull(marker, 'response_error') ?? 'none') === 'none'
          ? failedAttackOutcome('The objective scorer failed.')
          : decideOutcome({
              response_error: textOrNull(marker, 'response_error') ?? 'none',
              error_message: textOrNull(marker, 'original_value') ?? undefined,
              scores: scores.get(markerId) ?? [],
              aggregator: 'OR',
            });
    const adversarial = textOrNull(marker, 'adversarial_id');
    return buildAttackResult({
      executionId,
      promptIndex: index,
      conversationId: text(marker, 'conversation_id'),
      objective: promptList[index] ?? `objective ${index + 1}`,
      attack: { ...ATTACK_IDENTIFIERS.redTeaming, id: text(execution, 'orchestrator_id') },
      lastResponseId: onTarget ? markerId : null,
      decision,
      executedTurns: integer(marker, 'turns'),
      executionTimeMs: 0,
      labelsJson: textOrNull(marker, 'labels') ?? '{}',
      adversarialConversationIds: adversarial === null ? [] : [adversarial],
      metadata: { backfilled: true, backtracks: integer(marker, 'backtracks') },
    });
  });
}

function objectiveList(inputData: JsonValue): string[] {
  if (typeof inputData !== 'object' || inputData === null || Array.isArray(inputData)) return [];
  const list = inputData.prompt_list;
  return Array.isArray(list) ? list.map((item) => (typeof item === 'string' ? item : String(item))) : [];
}
