import type { SqlReader, SqlValue } from './sqlSession';
import type { AttackOutcome, LabelOutcome } from '../../domain/attackOutcome';
import type { JsonValue } from '../../domain/json';
import { emptyOutcomes, type OutcomeCounts } from '../../domain/runFigures';
import { isStoredOutcome, storedJudging, type StoredJudging } from './attackResults';
import { HUMAN_LABEL_SCORER } from './attackResultWrites';
import { integer, parsedJson, text, textOrNull, type JsonRow } from './rowValues';
import { naiveTextToIso } from './timestamps';

/**
 * Reads of an execution's attack results: what results/list pages over, what every figure counts. Outcomes are
 * read as stored (a label applied); nothing here decides one. A page is found through our index
 * (execution_attack_results) and its pieces fetched by conversation id, the column PyRIT indexes.
 */

export type ResultsSort = 'prompt' | 'outcome' | 'scorer' | 'latency';

export interface ResultsQuery {
  limit: number;
  after?: ResultsCursor;
  outcomes?: readonly AttackOutcome[];
  labelled?: boolean;
  search?: string;
  sort: ResultsSort;
  /**
   * Stop adding results once the page's text would pass this many bytes (as JSON, UTF-8), so that a page of long
   * answers fits a client's frame; the page is cut short and `next` continues after it. At least one result.
   */
  maxBytes?: number;
}

/** Where the last page ended, in the page's sort order (prompt_index is unique per execution). */
export interface ResultsCursor {
  sortNumber: number;
  sortText: string;
  promptIndex: number;
}

export interface StoredScore {
  id: string;
  score_value: string;
  score_value_description: string | null;
  score_type: string;
  score_category: string;
  score_rationale: string | null;
  scorer: string;
  judging: StoredJudging;
  timestamp: string;
}

export interface StoredLabel {
  outcome: LabelOutcome;
  note: string | null;
  reviewer: string;
  labelled_at: string;
  score_id: string;
}

export interface StoredAttackResult {
  attack_result_id: string;
  prompt_index: number;
  conversation_id: string;
  objective: string;
  outcome: AttackOutcome;
  automated_outcome: AttackOutcome;
  outcome_reason: string | null;
  label: StoredLabel | null;
  executed_turns: number;
  execution_time_ms: number;
  attack_metadata: Record<string, JsonValue>;
  adversarial_conversation_ids: string[];
  request: { original_value: string; converted_value: string; converters: string[] } | null;
  response: { id: string; converted_value: string; response_error: string } | null;
  scores: StoredScore[];
}

export interface StoredResultPage {
  items: StoredAttackResult[];
  total: number;
  next: ResultsCursor | null;
}

async function all(connection: SqlReader, sql: string, params: SqlValue[]): Promise<JsonRow[]> {
  return connection.query(sql, params);
}

function placeholders(count: number, first: number, cast = ''): string {
  return Array.from({ length: count }, (_, index) => `$${first + index}${cast}`).join(', ');
}

/** The run's results with what sorting and filtering need; `$1` is the execution id. */
const RUN_RESULTS = `
  run_results AS (
    SELECT x.prompt_index, a.id, a.conversation_id, a.outcome, a.human_score_id, a.execution_time_ms,
      a.automated_score_id
    FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
    WHERE x.execution_id = $1)`;

/** Jailbroken first (what a red-teamer reads first), then held, then what no scorer decided, then errors. */
const OUTCOME_RANK = `CASE r.outcome WHEN 'success' THEN 0 WHEN 'failure' THEN 1 WHEN 'undetermined' THEN 2 ELSE 3 END`;

function sortColumns(sort: ResultsSort): { number: string; text: string; join: string } {
  switch (sort) {
    case 'prompt':
      return { number: '0', text: "''", join: '' };
    case 'outcome':
      return { number: OUTCOME_RANK, text: "''", join: '' };
    case 'latency':
      return { number: '-r.execution_time_ms', text: "''", join: '' };
    case 'scorer':
      return {
        number: 'CASE WHEN s.id IS NULL THEN 1 ELSE 0 END',
        text: "coalesce(json_extract_string(s.scorer_class_identifier, '$.__type__'), '')",
        join: 'LEFT JOIN "ScoreEntries" s ON s.id = r.automated_score_id',
      };
  }
}

/** The filtered, sorted results of the run with their sort keys: `$1` execution id, further parameters appended. */
function filteredResults(query: ResultsQuery, params: SqlValue[]): string {
  const sort = sortColumns(query.sort);
  const where: string[] = [];
  if (query.outcomes !== undefined && query.outcomes.length > 0) {
    where.push(`r.outcome IN (${placeholders(query.outcomes.length, params.length + 1)})`);
    params.push(...query.outcomes);
  }
  if (query.labelled !== undefined) where.push(`r.human_score_id IS ${query.labelled ? 'NOT ' : ''}NULL`);
  if (query.search !== undefined && query.search !== '') {
    params.push(query.search.toLowerCase());
    const at = `$${params.length}`;
    where.push(`r.conversation_id IN (
      SELECT p.conversation_id FROM "PromptMemoryEntries" p
      WHERE p.conversation_id IN (SELECT conversation_id FROM run_results)
        AND (contains(lower(p.original_value), ${at}) OR contains(lower(coalesce(p.converted_value, '')), ${at})))`);
  }
  return `WITH ${RUN_RESULTS},
    sorted AS (
      SELECT r.*, (${sort.number})::BIGINT AS sort_number, (${sort.text})::VARCHAR AS sort_text
      FROM run_results r ${sort.join}
      ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`})`;
}

export async function listAttackResults(
  connection: SqlReader,
  executionId: string,
  query: ResultsQuery,
): Promise<StoredResultPage> {
  const unfiltered = query.outcomes === undefined && query.labelled === undefined && query.search === undefined;
  if (unfiltered && query.sort === 'prompt') return promptOrderPage(connection, executionId, query);
  const params: SqlValue[] = [executionId];
  const filtered = filteredResults(query, params);
  const [count] = await all(connection, `${filtered} SELECT count(*)::INTEGER AS total FROM sorted`, params);
  const total = count === undefined ? 0 : integer(count, 'total');
  if (query.limit <= 0 || total === 0) return { items: [], total, next: null };
  const pageParams = [...params];
  let seek = '';
  if (query.after !== undefined) {
    const n = pageParams.push(query.after.sortNumber);
    const t = pageParams.push(query.after.sortText);
    const i = pageParams.push(query.after.promptIndex);
    seek = `WHERE sort_number > $${n} OR (sort_number = $${n} AND (sort_text > $${t}
      OR (sort_text = $${t} AND prompt_index > $${i})))`;
  }
  const limitAt = pageParams.push(query.limit);
  const page = await all(
    connection,
    `${filtered} SELECT id::VARCHAR AS id, prompt_index, sort_number, sort_text FROM sorted ${seek}
     ORDER BY sort_number, sort_text, prompt_index LIMIT $${limitAt}::INTEGER`,
    pageParams,
  );
  const items = await attackResultsById(
    connection,
    page.map((row) => text(row, 'id')),
    query.maxBytes,
  );
  const last = items.length < page.length ? page[items.length - 1] : page[page.length - 1];
  const next: ResultsCursor | null =
    (page.length < query.limit && items.length === page.length) || last === undefined
      ? null
      : {
          sortNumber: integer(last, 'sort_number'),
          sortText: text(last, 'sort_text'),
          promptIndex: integer(last, 'prompt_index'),
        };
  return { items, total, next };
}

async function countOf(connection: SqlReader, executionId: string): Promise<number> {
  const [row] = await all(
    connection,
    'SELECT count(*)::INTEGER AS total FROM execution_attack_results WHERE execution_id = $1',
    [executionId],
  );
  return row === undefined ? 0 : integer(row, 'total');
}

/**
 * The common case — every result, in input order — needs nothing but our narrow index: the count and the seek read
 * it alone, and only the page's own results are fetched, by primary key.
 */
async function promptOrderPage(
  connection: SqlReader,
  executionId: string,
  query: ResultsQuery,
): Promise<StoredResultPage> {
  if (query.limit <= 0) return { items: [], total: await countOf(connection, executionId), next: null };
  // The count rides on the page's rows, one query fewer a page; an empty page asks for it alone.
  const page = await all(
    connection,
    `SELECT attack_result_id::VARCHAR AS id, prompt_index,
       (SELECT count(*) FROM execution_attack_results WHERE execution_id = $1)::INTEGER AS total
     FROM execution_attack_results
     WHERE execution_id = $1 AND prompt_index > $2 ORDER BY prompt_index LIMIT $3::INTEGER`,
    [executionId, query.after?.promptIndex ?? -1, query.limit],
  );
  const total = page.length === 0 ? await countOf(connection, executionId) : integer(page[0], 'total');
  if (total === 0) return { items: [], total, next: null };
  const items = await attackResultsById(
    connection,
    page.map((row) => text(row, 'id')),
    query.maxBytes,
  );
  const last = items.length < page.length ? page[items.length - 1] : page[page.length - 1];
  const next: ResultsCursor | null =
    (page.length < query.limit && items.length === page.length) || last === undefined
      ? null
      : { sortNumber: 0, sortText: '', promptIndex: integer(last, 'prompt_index') };
  return { items, total, next };
}

/**
 * Whole results (request, response, scores, label) for these ids, in the order given; with `maxBytes`, only as
 * many of the first as fit it (at least one).
 */
export async function attackResultsById(
  connection: SqlReader,
  ids: readonly string[],
  maxBytes?: number,
): Promise<StoredAttackResult[]> {
  if (ids.length === 0) return [];
  const found = await all(
    connection,
    // By primary key alone (no join, which would scan the index table): the prompt index is in attack_metadata too.
    `SELECT a.id::VARCHAR AS id, TRY_CAST(json_extract_string(a.attack_metadata, '$.prompt_index') AS INTEGER) AS prompt_index,
       a.conversation_id, a.objective, a.outcome, a.outcome_reason,
       a.attack_metadata, a.human_score_id::VARCHAR AS human_score_id, a.last_response_id::VARCHAR AS last_response_id,
       a.executed_turns, a.execution_time_ms, a.adversarial_chat_conversation_ids
     FROM "AttackResultEntries" a
     WHERE a.id IN (${placeholders(ids.length, 1, '::UUID')})`,
    [...ids],
  );
  const ordered = maxBytes === undefined ? found : inOrder(found, ids);
  const conversationIds = [...new Set(ordered.map((row) => text(row, 'conversation_id')))];
  const fetched = await piecesOf(connection, conversationIds, maxBytes !== undefined);
  const rows = maxBytes === undefined ? ordered : withinBudget(ordered, byConversation(fetched), maxBytes);
  const pieces = maxBytes === undefined ? fetched : await withWithheldValues(connection, fetched, rows);
  const responseIds = rows.map((row) => textOrNull(row, 'last_response_id')).filter((id): id is string => id !== null);
  const labelIds = rows.map((row) => textOrNull(row, 'human_score_id')).filter((id): id is string => id !== null);
  const scoreRows = await scoresFor(connection, responseIds, labelIds);

  const piecesById = new Map(pieces.map((piece) => [text(piece, 'id'), piece]));
  const piecesByConversation = byConversation(pieces);
  const scoresByPiece = new Map<string, StoredScore[]>();
  const scoresById = new Map<string, JsonRow>();
  for (const row of scoreRows) {
    scoresById.set(text(row, 'id'), row);
    const pieceId = textOrNull(row, 'prompt_request_response_id');
    if (pieceId === null || isHumanLabel(row)) continue;
    const list = scoresByPiece.get(pieceId) ?? [];
    list.push(toStoredScore(row));
    scoresByPiece.set(pieceId, list);
  }

  const byId = new Map<string, StoredAttackResult>();
  for (const row of rows) {
    const responseId = textOrNull(row, 'last_response_id');
    const response = responseId === null ? undefined : piecesById.get(responseId);
    const conversation = piecesByConversation.get(text(row, 'conversation_id')) ?? [];
    const request = requestFor(conversation, response);
    const metadata = objectOf(parsedJson(row, 'attack_metadata'));
    const automatedRaw = typeof metadata.automated_outcome === 'string' ? metadata.automated_outcome : null;
    const outcomeRaw = textOrNull(row, 'outcome');
    const outcome: AttackOutcome = isStoredOutcome(outcomeRaw) ? outcomeRaw : 'undetermined';
    const labelRow = textOrNull(row, 'human_score_id');
    const adversarial = parsedJson(row, 'adversarial_chat_conversation_ids');
    byId.set(text(row, 'id'), {
      attack_result_id: text(row, 'id'),
      prompt_index: integer(row, 'prompt_index'),
      conversation_id: text(row, 'conversation_id'),
      objective: text(row, 'objective'),
      outcome,
      automated_outcome: isStoredOutcome(automatedRaw) ? automatedRaw : outcome,
      // The automated reason: a label's own words are its note, shown with the label.
      outcome_reason:
        typeof metadata.automated_outcome_reason === 'string'
          ? metadata.automated_outcome_reason
          : textOrNull(row, 'outcome_reason'),
      label: labelRow === null ? null : toLabel(scoresById.get(labelRow), labelRow),
      executed_turns: integer(row, 'executed_turns'),
      execution_time_ms: integer(row, 'execution_time_ms'),
      attack_metadata: metadata,
      adversarial_conversation_ids: Array.isArray(adversarial)
        ? adversarial.filter((id): id is string => typeof id === 'string')
        : [],
      request:
        request === undefined
          ? null
          : {
              original_value: text(request, 'original_value'),
              converted_value: textOrNull(request, 'converted_value') ?? text(request, 'original_value'),
              converters: converterNames(parsedJson(request, 'converter_identifiers')),
            },
      response:
        response === undefined
          ? null
          : {
              id: text(response, 'id'),
              converted_value: textOrNull(response, 'converted_value') ?? '',
              response_error: textOrNull(response, 'response_error') ?? 'none',
            },
      scores: responseId === null ? [] : (scoresByPiece.get(responseId) ?? []),
    });
  }
  const items = ids.map((id) => byId.get(id)).filter((item): item is StoredAttackResult => item !== undefined);
  return maxBytes === undefined ? items : items.slice(0, countWithin(items.map(jsonBytes), maxBytes));
}

function inOrder(rows: readonly JsonRow[], ids: readonly string[]): JsonRow[] {
  const byId = new Map(rows.map((row) => [text(row, 'id'), row]));
  return ids.map((id) => byId.get(id)).filter((row): row is JsonRow => row !== undefined);
}

/** How many of the first sizes fit `maxBytes` together; the first always does, or no page would move on. */
function countWithin(sizes: readonly number[], maxBytes: number): number {
  let used = 0;
  for (const [index, size] of sizes.entries()) {
    used += size;
    if (used > maxBytes && index > 0) return index;
  }
  return sizes.length;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Above this, a piece's values are left out of the page's one pieces query and fetched only if the page keeps it. */
const INLINE_VALUE_BYTES = 64 * 1024;

const PIECE_COLUMNS = `id::VARCHAR AS id, conversation_id, sequence, role, converter_identifiers, response_error`;

/**
 * Every piece of these conversations, in order. With `sized`, also each one's stored length, and its values only when
 * they are small: a page of 4 MiB answers must not load more of them than it can send (withinBudget), but measuring
 * first in a query of its own cost every page one more query.
 */
async function piecesOf(connection: SqlReader, conversationIds: readonly string[], sized: boolean): Promise<JsonRow[]> {
  if (conversationIds.length === 0) return [];
  const bytes = `strlen(original_value)::BIGINT + strlen(coalesce(converted_value, ''))::BIGINT`;
  const columns = sized
    ? `${PIECE_COLUMNS}, strlen(original_value)::BIGINT AS original_bytes,
       strlen(coalesce(converted_value, ''))::BIGINT AS converted_bytes,
       CASE WHEN ${bytes} <= ${INLINE_VALUE_BYTES} THEN original_value END AS original_value,
       CASE WHEN ${bytes} <= ${INLINE_VALUE_BYTES} THEN converted_value END AS converted_value,
       ${bytes} > ${INLINE_VALUE_BYTES} AS withheld`
    : `${PIECE_COLUMNS}, original_value, converted_value`;
  return all(
    connection,
    `SELECT ${columns} FROM "PromptMemoryEntries" WHERE conversation_id IN (${placeholders(conversationIds.length, 1)})
     ORDER BY conversation_id, sequence`,
    [...conversationIds],
  );
}

function byConversation(pieces: readonly JsonRow[]): Map<string, JsonRow[]> {
  const grouped = new Map<string, JsonRow[]>();
  for (const piece of pieces) {
    const list = grouped.get(text(piece, 'conversation_id')) ?? [];
    list.push(piece);
    grouped.set(text(piece, 'conversation_id'), list);
  }
  return grouped;
}

/**
 * The first results whose request and answer fit `maxBytes`, by their stored length in the database. Stored bytes
 * are at most their JSON: the kept results are measured again as JSON once built (escapes, scores, metadata), and
 * cut further if need be.
 */
function withinBudget(
  rows: readonly JsonRow[],
  piecesByConversation: ReadonlyMap<string, readonly JsonRow[]>,
  maxBytes: number,
): JsonRow[] {
  const estimates = rows.map((row) => {
    const conversation = piecesByConversation.get(text(row, 'conversation_id')) ?? [];
    const responseId = textOrNull(row, 'last_response_id');
    const response = conversation.find((piece) => text(piece, 'id') === responseId);
    const request = requestFor(conversation, response);
    const requestBytes = request ? integer(request, 'original_bytes') + integer(request, 'converted_bytes') : 0;
    return requestBytes + (response ? integer(response, 'converted_bytes') : 0);
  });
  return rows.slice(0, countWithin(estimates, maxBytes));
}

/** The pieces, with the values piecesOf left out filled in for the conversations the page kept; the others dropped. */
async function withWithheldValues(
  connection: SqlReader,
  pieces: readonly JsonRow[],
  kept: readonly JsonRow[],
): Promise<JsonRow[]> {
  const keptConversations = new Set(kept.map((row) => text(row, 'conversation_id')));
  const inPage = pieces.filter((piece) => keptConversations.has(text(piece, 'conversation_id')));
  const withheld = inPage.filter((piece) => piece.withheld === true).map((piece) => text(piece, 'id'));
  if (withheld.length === 0) return inPage;
  const values = await all(
    connection,
    `SELECT id::VARCHAR AS id, original_value, converted_value FROM "PromptMemoryEntries"
     WHERE id IN (${placeholders(withheld.length, 1, '::UUID')})`,
    withheld,
  );
  const byId = new Map(values.map((row) => [text(row, 'id'), row]));
  return inPage.map((piece) => {
    const full = byId.get(text(piece, 'id'));
    return full === undefined
      ? piece
      : { ...piece, original_value: full.original_value, converted_value: full.converted_value };
  });
}

/** The turn the answer replies to: the piece just before it; a result with no answer shows its first request. */
function requestFor(conversation: readonly JsonRow[], response: JsonRow | undefined): JsonRow | undefined {
  if (response !== undefined) {
    const sequence = integer(response, 'sequence') - 1;
    const before = conversation.find(
      (piece) => integer(piece, 'sequence') === sequence && text(piece, 'role') !== 'assistant',
    );
    if (before !== undefined) return before;
  }
  return conversation.find((piece) => text(piece, 'role') === 'user') ?? conversation[0];
}

const SCORE_COLUMNS = `id::VARCHAR AS id, score_value, score_value_description, score_type, score_category,
  score_rationale, scorer_class_identifier, prompt_request_response_id::VARCHAR AS prompt_request_response_id,
  timestamp::VARCHAR AS timestamp`;

/** Two lookups rather than one with OR: each can use its own index (the piece id's, the primary key). */
async function scoresFor(
  connection: SqlReader,
  pieceIds: readonly string[],
  scoreIds: readonly string[],
): Promise<JsonRow[]> {
  const onPieces =
    pieceIds.length === 0
      ? []
      : await all(
          connection,
          `SELECT ${SCORE_COLUMNS} FROM "ScoreEntries"
           WHERE prompt_request_response_id IN (${placeholders(pieceIds.length, 1, '::UUID')}) ORDER BY timestamp, id`,
          [...pieceIds],
        );
  const known = new Set(onPieces.map((row) => text(row, 'id')));
  const missing = scoreIds.filter((id) => !known.has(id));
  const byId =
    missing.length === 0
      ? []
      : await all(
          connection,
          `SELECT ${SCORE_COLUMNS} FROM "ScoreEntries" WHERE id IN (${placeholders(missing.length, 1, '::UUID')})`,
          missing,
        );
  return [...onPieces, ...byId];
}

function objectOf(value: JsonValue): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function className(identifier: JsonValue): string {
  const fields = objectOf(identifier);
  return typeof fields.__type__ === 'string' ? fields.__type__ : 'unknown';
}

function converterNames(identifiers: JsonValue): string[] {
  return Array.isArray(identifiers) ? identifiers.map(className) : [];
}

function isHumanLabel(row: JsonRow): boolean {
  return className(parsedJson(row, 'scorer_class_identifier')) === HUMAN_LABEL_SCORER.__type__;
}

export function toStoredScore(row: JsonRow): StoredScore {
  const identifier = parsedJson(row, 'scorer_class_identifier');
  return {
    id: text(row, 'id'),
    score_value: text(row, 'score_value'),
    score_value_description: textOrNull(row, 'score_value_description'),
    score_type: text(row, 'score_type'),
    score_category: textOrNull(row, 'score_category') ?? '',
    score_rationale: textOrNull(row, 'score_rationale'),
    scorer: className(identifier),
    judging: storedJudging(identifier),
    timestamp: naiveTextToIso(text(row, 'timestamp')),
  };
}

function toLabel(row: JsonRow | undefined, scoreId: string): StoredLabel | null {
  if (row === undefined) return null;
  const identifier = objectOf(parsedJson(row, 'scorer_class_identifier'));
  return {
    outcome: text(row, 'score_value') === 'True' ? 'success' : 'failure',
    note: textOrNull(row, 'score_rationale'),
    reviewer: typeof identifier.reviewer === 'string' ? identifier.reviewer : 'unknown',
    labelled_at: naiveTextToIso(text(row, 'timestamp')),
    score_id: scoreId,
  };
}

/** Outcome counts per execution, labels applied: what every execution view and figure shows. */
export async function outcomeCountsByExecution(
  connection: SqlReader,
  executionIds: readonly string[],
): Promise<Map<string, OutcomeCounts>> {
  const counts = new Map<string, OutcomeCounts>(executionIds.map((id) => [id, emptyOutcomes()]));
  if (executionIds.length === 0) return counts;
  const rows = await all(
    connection,
    `SELECT x.execution_id, a.outcome, count(*)::INTEGER AS count
     FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
     WHERE x.execution_id IN (${placeholders(executionIds.length, 1)}) GROUP BY x.execution_id, a.outcome`,
    [...executionIds],
  );
  for (const row of rows) {
    const outcome = textOrNull(row, 'outcome');
    const entry = counts.get(text(row, 'execution_id'));
    if (entry !== undefined && isStoredOutcome(outcome)) entry[outcome] += integer(row, 'count');
  }
  return counts;
}

/** Each stored result of the run by prompt index: what resume skips, and with retry_errors what it sends again. */
export async function storedResultKeys(
  connection: SqlReader,
  executionId: string,
): Promise<Map<number, { id: string; outcome: AttackOutcome }>> {
  const rows = await all(
    connection,
    `SELECT x.prompt_index, a.id::VARCHAR AS id, a.outcome
     FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
     WHERE x.execution_id = $1`,
    [executionId],
  );
  const keys = new Map<number, { id: string; outcome: AttackOutcome }>();
  for (const row of rows) {
    const outcome = textOrNull(row, 'outcome');
    keys.set(integer(row, 'prompt_index'), {
      id: text(row, 'id'),
      outcome: isStoredOutcome(outcome) ? outcome : 'undetermined',
    });
  }
  return keys;
}

/** The result judging a conversation of the run (a client may name a result by its conversation). */
export async function attackResultIdOfConversation(
  connection: SqlReader,
  executionId: string,
  conversationId: string,
): Promise<string | null> {
  const [row] = await all(
    connection,
    `SELECT a.id::VARCHAR AS id FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
     WHERE x.execution_id = $1 AND a.conversation_id = $2`,
    [executionId, conversationId],
  );
  return row === undefined ? null : text(row, 'id');
}
