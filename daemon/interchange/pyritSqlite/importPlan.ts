import { decideOutcome, type AttackOutcome } from '../../../domain/attackOutcome';
import type { JsonObject, JsonValue } from '../../../domain/json';
import { emptyOutcomes, type OutcomeCounts } from '../../../domain/runFigures';
import { isStoredOutcome, storedJudging } from '../../memory/attackResults';
import { HUMAN_LABEL_SCORER } from '../../memory/attackResultWrites';
import { sha256Hex } from '../../memory/pyritRecords';
import type {
  AttackResultRow,
  ExecutionAttackResultRow,
  ExecutionPieceRow,
  PromptMemoryEntryRow,
  ScoreEntryRow,
  SeedPromptRow,
} from '../../memory/tableRows';
import { importedId } from '../uuidV5';
import type { SourceAttackResult, SourceMemory, SourcePiece, SourceScore } from './sourceRows';
import {
  attackIdentity,
  canonicalJson,
  identifierType,
  instantOfWallClock,
  jsonObject,
  labelsOf,
  parseJson,
  stringList,
  wallClockMicros,
  withPyritTypeKeys,
} from './sourceValues';

/**
 * What an import stores, decided from the source alone (no I/O): one execution per distinct attack identifier and
 * operation, its pieces, scores and attack results with ids derived from (owner, source id). The outcome of a
 * PyRIT attack result is PyRIT's, stored as it was; in a memory without attack results (PyRIT 0.9) each conversation
 * is judged by domain/attackOutcome from its stored scores, as our own runs are.
 */

export interface PlannedExecution {
  executionId: string;
  orchestratorId: string;
  name: string;
  orchestratorType: 'prompt_sending' | 'red_teaming';
  attackType: string;
  operation: string | null;
  objectives: string[];
  startedAt: Date;
  completedAt: Date;
  outcomes: OutcomeCounts;
  totalTimeMs: number;
  pieces: PromptMemoryEntryRow[];
  pieceIndex: ExecutionPieceRow[];
  scores: ScoreEntryRow[];
  results: AttackResultRow[];
  resultIndex: ExecutionAttackResultRow[];
}

export interface ImportPlan {
  executions: PlannedExecution[];
  seeds: SeedPromptRow[];
}

const MULTI_TURN_ATTACKS: ReadonlySet<string> = new Set([
  'RedTeamingAttack',
  'CrescendoAttack',
  'TAPAttack',
  'TreeOfAttacksWithPruningAttack',
  'PAIRAttack',
  'MultiPromptSendingAttack',
  'ChunkedRequestAttack',
  'RedTeamingOrchestrator',
  'CrescendoOrchestrator',
  'TreeOfAttacksWithPruningOrchestrator',
  'PAIROrchestrator',
]);

/** PyRIT 1.x has roles our views do not: each is read as the nearest one of ours. */
function ourRole(role: string): 'user' | 'assistant' | 'system' {
  if (role === 'user' || role === 'assistant' || role === 'system') return role;
  return role === 'developer' ? 'system' : 'assistant';
}

interface ResultCandidate {
  source: SourceAttackResult;
  /** The conversation's pieces had no attack result: judged here from its scores. */
  synthetic: boolean;
}

interface Lookup {
  owner: string;
  piecesByConversation: Map<string, SourcePiece[]>;
  scoresById: Map<string, SourceScore>;
  scoresByPiece: Map<string, SourceScore[]>;
  conversationTargets: Map<string, string>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const at = key(item);
    if (at === null) continue;
    const list = groups.get(at);
    if (list === undefined) groups.set(at, [item]);
    else list.push(item);
  }
  return groups;
}

function isHumanLabel(score: SourceScore | undefined): boolean {
  if (score === undefined) return false;
  const identifier = jsonObject(score.scorer_class_identifier);
  return identifier.__type__ === HUMAN_LABEL_SCORER.__type__ && identifier.__module__ === HUMAN_LABEL_SCORER.__module__;
}

/** A conversation PyRIT kept no attack result for, judged as our runs are: by its last answer's stored scores. */
function syntheticResult(conversationId: string, pieces: SourcePiece[], lookup: Lookup): SourceAttackResult {
  const requests = pieces.filter((piece) => ourRole(piece.role) === 'user');
  const answers = pieces.filter((piece) => ourRole(piece.role) === 'assistant');
  const last = answers.at(-1);
  const scores = last === undefined ? [] : (lookup.scoresByPiece.get(last.id) ?? []);
  const decision = decideOutcome({
    response_error: last === undefined ? null : (last.response_error ?? 'none'),
    error_message: last?.original_value,
    aggregator: 'OR',
    scores: scores
      .filter((score) => score.score_type === 'true_false' || score.score_type === 'float_scale')
      .map((score) => {
        const judging = storedJudging(parseJson(score.scorer_class_identifier));
        return {
          id: score.id,
          scorer: identifierType(parseJson(score.scorer_class_identifier)) ?? 'Scorer',
          score_type: score.score_type as 'true_false' | 'float_scale',
          score_value: score.score_value ?? '',
          true_means: judging.true_means,
          threshold: judging.threshold ?? undefined,
          objective: judging.objective,
        };
      }),
  });
  const first = pieces[0];
  return {
    id: `conversation:${conversationId}`,
    conversation_id: conversationId,
    objective: requests[0]?.original_value ?? '',
    attack_identifier: first.attack_identifier,
    last_response_id: last?.id ?? null,
    deciding_score_id: decision.deciding_score_id,
    human_score_id: null,
    executed_turns: requests.length,
    execution_time_ms: 0,
    outcome: decision.outcome,
    outcome_reason: decision.reason,
    attack_metadata: null,
    pruned_conversation_ids: null,
    adversarial_chat_conversation_ids: null,
    labels: first.labels,
    operation: null,
    timestamp: pieces.at(-1)?.timestamp ?? first.timestamp,
  };
}

function relatedConversations(result: SourceAttackResult): string[] {
  const metadata = jsonObject(result.attack_metadata);
  const superseded = Array.isArray(metadata.superseded_conversation_ids)
    ? metadata.superseded_conversation_ids.filter((id): id is string => typeof id === 'string')
    : [];
  return [
    ...stringList(result.adversarial_chat_conversation_ids),
    ...stringList(result.pruned_conversation_ids),
    ...superseded,
  ];
}

function candidatesOf(source: SourceMemory, lookup: Lookup): ResultCandidate[] {
  const candidates: ResultCandidate[] = source.attackResults.map((result) => ({ source: result, synthetic: false }));
  if (source.keepsAttackResults) return candidates;
  const claimed = new Set<string>();
  for (const result of source.attackResults) {
    claimed.add(result.conversation_id);
    for (const id of relatedConversations(result)) claimed.add(id);
  }
  for (const [conversationId, pieces] of lookup.piecesByConversation) {
    if (claimed.has(conversationId)) continue;
    if (!pieces.some((piece) => ourRole(piece.role) === 'user')) continue;
    candidates.push({ source: syntheticResult(conversationId, pieces, lookup), synthetic: true });
  }
  return candidates;
}

interface GroupKey {
  key: string;
  attackIdentifier: JsonValue | null;
  attackType: string;
  operation: string | null;
  labels: Record<string, string>;
}

function groupKeyOf(result: SourceAttackResult, lookup: Lookup): GroupKey {
  const firstPiece = lookup.piecesByConversation.get(result.conversation_id)?.[0];
  const identifier = parseJson(result.attack_identifier ?? firstPiece?.attack_identifier ?? null);
  const labels = { ...labelsOf(firstPiece?.labels ?? null), ...labelsOf(result.labels) };
  const operation = result.operation ?? labels.op_name ?? labels.operation ?? null;
  // Our own exports keep one execution per run they came from: the execution id is in every label.
  const run = labels.execution_id ?? null;
  return {
    key: JSON.stringify([canonicalJson(attackIdentity(identifier)), operation, run]),
    attackIdentifier: identifier,
    attackType: identifierType(identifier) ?? 'UnknownAttack',
    operation,
    labels,
  };
}

function scoreRow(score: SourceScore, lookup: Lookup, importedPieces: ReadonlySet<string>): ScoreEntryRow {
  const pieceId = score.prompt_request_response_id;
  const mappedPiece = pieceId === null ? null : importedId(lookup.owner, 'piece', pieceId);
  return {
    id: importedId(lookup.owner, 'score', score.id),
    score_value: score.score_value ?? '',
    score_value_description: score.score_value_description,
    score_type: score.score_type,
    score_category: score.score_category ?? '',
    score_rationale: score.score_rationale,
    score_metadata: score.score_metadata,
    scorer_class_identifier: JSON.stringify(withPyritTypeKeys(parseJson(score.scorer_class_identifier), 'Scorer')),
    // PyRIT's key to the scored piece: kept only when that piece comes along (our DuckDB file enforces the key).
    prompt_request_response_id: mappedPiece !== null && importedPieces.has(mappedPiece) ? mappedPiece : null,
    timestamp: wallClockMicros(score.timestamp),
    task: score.task,
  };
}

function converterTypes(text: string | null): string[] {
  const parsed = parseJson(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.map((item) => identifierType(item) ?? 'Converter');
}

interface ExecutionIds {
  executionId: string;
  orchestratorId: string;
}

function pieceRow(
  piece: SourcePiece,
  lookup: Lookup,
  ids: ExecutionIds,
  attackJson: string,
  resultLabels: Record<string, string>,
): PromptMemoryEntryRow {
  const id = importedId(lookup.owner, 'piece', piece.id);
  const labels = {
    ...resultLabels,
    ...labelsOf(piece.labels),
    orchestrator_id: ids.orchestratorId,
    execution_id: ids.executionId,
  };
  return {
    id,
    role: ourRole(piece.role),
    conversation_id: importedId(lookup.owner, 'conversation', piece.conversation_id),
    sequence: piece.sequence,
    timestamp: wallClockMicros(piece.timestamp),
    labels: JSON.stringify(labels),
    prompt_metadata: jsonTextOr(piece.prompt_metadata, '{}'),
    converter_identifiers: jsonTextOr(piece.converter_identifiers, '[]'),
    prompt_target_identifier: jsonTextOr(
      piece.prompt_target_identifier ?? lookup.conversationTargets.get(piece.conversation_id) ?? null,
      '{}',
    ),
    orchestrator_identifier: attackJson,
    response_error: piece.response_error ?? 'none',
    original_value_data_type: piece.original_value_data_type,
    original_value: piece.original_value,
    original_value_sha256: piece.original_value_sha256,
    converted_value_data_type: piece.converted_value_data_type,
    converted_value: piece.converted_value,
    converted_value_sha256: piece.converted_value_sha256,
    original_prompt_id: id,
  };
}

function statusCounts(results: readonly AttackResultRow[]): OutcomeCounts {
  const counts = emptyOutcomes();
  for (const result of results) if (isStoredOutcome(result.outcome)) counts[result.outcome] += 1;
  return counts;
}

/**
 * In input order: ours carry their prompt_index in attack_metadata (a run answers prompts concurrently, so time
 * order is not input order); PyRIT's results are ordered by when they were stored.
 */
function sortCandidates(candidates: ResultCandidate[]): void {
  const indexOf = (candidate: ResultCandidate) => jsonObject(candidate.source.attack_metadata).prompt_index;
  const indexes = candidates.map(indexOf);
  const byIndex = indexes.every((index) => typeof index === 'number') && new Set(indexes).size === candidates.length;
  candidates.sort((left, right) =>
    byIndex
      ? (indexOf(left) as number) - (indexOf(right) as number)
      : left.source.timestamp.localeCompare(right.source.timestamp) || left.source.id.localeCompare(right.source.id),
  );
}

/**
 * Scores of one piece are shown by (timestamp, id). The ids change on import, so scores stored in the same
 * microsecond would swap places: each tie is moved a microsecond on, in the source's order.
 */
function keepScoreOrder(scores: { score: SourceScore; row: ScoreEntryRow }[]): ScoreEntryRow[] {
  scores.sort(
    (left, right) =>
      (left.row.prompt_request_response_id ?? '').localeCompare(right.row.prompt_request_response_id ?? '') ||
      (left.row.timestamp < right.row.timestamp ? -1 : left.row.timestamp > right.row.timestamp ? 1 : 0) ||
      left.score.id.localeCompare(right.score.id),
  );
  for (let index = 1; index < scores.length; index++) {
    const previous = scores[index - 1].row;
    const current = scores[index].row;
    if (
      current.prompt_request_response_id === previous.prompt_request_response_id &&
      current.timestamp <= previous.timestamp
    )
      current.timestamp = previous.timestamp + 1n;
  }
  return scores.map(({ row }) => row);
}

function planExecution(group: GroupKey, candidates: ResultCandidate[], lookup: Lookup, taken: Set<string>) {
  const ids: ExecutionIds = {
    executionId: importedId(lookup.owner, 'execution', group.key),
    orchestratorId: importedId(lookup.owner, 'orchestrator', group.key),
  };
  const attackJson = JSON.stringify(withPyritTypeKeys(group.attackIdentifier, group.attackType));
  sortCandidates(candidates);
  const pieces: PromptMemoryEntryRow[] = [];
  const pieceIndex: ExecutionPieceRow[] = [];
  const results: AttackResultRow[] = [];
  const resultIndex: ExecutionAttackResultRow[] = [];
  const scoreSources = new Map<string, SourceScore>();
  const importedPieces = new Set<string>();
  let multiTurn = MULTI_TURN_ATTACKS.has(group.attackType);

  candidates.forEach(({ source }, promptIndex) => {
    const resultLabels = { ...group.labels, ...labelsOf(source.labels) };
    const conversations = [source.conversation_id, ...relatedConversations(source)];
    conversations.forEach((conversationId, position) => {
      for (const piece of lookup.piecesByConversation.get(conversationId) ?? []) {
        if (taken.has(piece.id)) continue;
        taken.add(piece.id);
        const row = pieceRow(piece, lookup, ids, attackJson, resultLabels);
        pieces.push(row);
        importedPieces.add(row.id);
        for (const score of lookup.scoresByPiece.get(piece.id) ?? []) scoreSources.set(score.id, score);
        // Only the target conversation is indexed: the attacker's side is no answer to an input prompt.
        if (position === 0)
          pieceIndex.push({
            execution_id: ids.executionId,
            conversation_id: row.conversation_id,
            piece_id: row.id,
            sequence: row.sequence,
            prompt_key: String(promptIndex),
            piece_timestamp: row.timestamp,
            converter_types:
              row.role === 'assistant' ? null : JSON.stringify(converterTypes(row.converter_identifiers)),
            response_error: row.role === 'assistant' ? row.response_error : null,
          });
      }
    });
    for (const scoreId of [source.deciding_score_id, source.human_score_id]) {
      const score = scoreId === null ? undefined : lookup.scoresById.get(scoreId);
      if (score !== undefined) scoreSources.set(score.id, score);
    }
    if (source.executed_turns > 1) multiTurn = true;
    results.push(resultRow(source, lookup, ids, promptIndex, attackJson, resultLabels));
    resultIndex.push({
      execution_id: ids.executionId,
      attack_result_id: importedId(lookup.owner, 'attack_result', source.id),
      prompt_index: promptIndex,
    });
  });
  // A score counts as imported only with its row: an attack result must not point at a score that is not there.
  const scores = keepScoreOrder(
    [...scoreSources.values()].map((score) => ({ score, row: scoreRow(score, lookup, importedPieces) })),
  );
  const scoreIds = new Set(scores.map((score) => score.id));
  for (const result of results) {
    if (result.automated_score_id !== null && !scoreIds.has(result.automated_score_id))
      result.automated_score_id = null;
    if (result.human_score_id !== null && !scoreIds.has(result.human_score_id)) result.human_score_id = null;
    if (result.last_response_id !== null && !importedPieces.has(result.last_response_id))
      result.last_response_id = null;
  }
  const times = [...pieces.map((piece) => piece.timestamp), ...results.map((result) => result.timestamp)];
  const earliest = times.reduce((low, time) => (time < low ? time : low), times[0] ?? 0n);
  const latest = times.reduce((high, time) => (time > high ? time : high), times[0] ?? 0n);
  const name = `PyRIT ${group.attackType}${group.operation === null ? '' : ` · ${group.operation}`} (${ids.executionId.slice(0, 8)})`;
  return {
    ...ids,
    name,
    orchestratorType: multiTurn ? 'red_teaming' : 'prompt_sending',
    attackType: group.attackType,
    operation: group.operation,
    objectives: candidates.map(({ source }) => source.objective),
    startedAt: instantOfWallClock(earliest),
    completedAt: instantOfWallClock(latest),
    outcomes: statusCounts(results),
    totalTimeMs: results.reduce((sum, result) => sum + result.execution_time_ms, 0),
    pieces,
    pieceIndex,
    scores,
    results,
    resultIndex,
  } satisfies PlannedExecution;
}

function resultRow(
  source: SourceAttackResult,
  lookup: Lookup,
  ids: ExecutionIds,
  promptIndex: number,
  attackJson: string,
  labels: Record<string, string>,
): AttackResultRow {
  const metadata: JsonObject = jsonObject(source.attack_metadata);
  const mapScore = (id: string | null) => (id === null ? null : importedId(lookup.owner, 'score', id));
  const outcome: AttackOutcome = isStoredOutcome(source.outcome) ? source.outcome : 'undetermined';
  const deciding = source.deciding_score_id === null ? undefined : lookup.scoresById.get(source.deciding_score_id);
  const human = source.human_score_id === null ? undefined : lookup.scoresById.get(source.human_score_id);
  // A reviewer's verdict is ours only when its scorer is ours (a label exported by ViolentUTF): then the score
  // the scorers decided on is the one the export kept in attack_metadata.
  const labelScore = isHumanLabel(human) ? human : isHumanLabel(deciding) ? deciding : undefined;
  const automatedSource =
    labelScore === undefined
      ? (deciding?.id ?? null)
      : typeof metadata.automated_score_id === 'string'
        ? metadata.automated_score_id
        : null;
  const storedAutomated = typeof metadata.automated_outcome === 'string' ? metadata.automated_outcome : null;
  const automatedOutcome: AttackOutcome = isStoredOutcome(storedAutomated)
    ? storedAutomated
    : labelScore === undefined
      ? outcome
      : 'undetermined';
  const automatedReason =
    typeof metadata.automated_outcome_reason === 'string' ? metadata.automated_outcome_reason : source.outcome_reason;
  const { automated_score_id: _kept, ...rest } = metadata;
  void _kept;
  const attackMetadata: JsonObject = {
    ...rest,
    execution_id: ids.executionId,
    prompt_index: promptIndex,
    automated_outcome: automatedOutcome,
    automated_outcome_reason: automatedReason,
    imported_from: source.id.startsWith('conversation:')
      ? { conversation_id: source.conversation_id }
      : { attack_result_id: source.id },
  };
  const mapConversations = (text: string | null) =>
    JSON.stringify(stringList(text).map((id) => importedId(lookup.owner, 'conversation', id)));
  if (Array.isArray(metadata.superseded_conversation_ids))
    attackMetadata.superseded_conversation_ids = metadata.superseded_conversation_ids
      .filter((id): id is string => typeof id === 'string')
      .map((id) => importedId(lookup.owner, 'conversation', id));
  return {
    id: importedId(lookup.owner, 'attack_result', source.id),
    conversation_id: importedId(lookup.owner, 'conversation', source.conversation_id),
    objective: source.objective,
    objective_sha256: sha256Hex(source.objective),
    attack_identifier: attackJson,
    last_response_id:
      source.last_response_id === null ? null : importedId(lookup.owner, 'piece', source.last_response_id),
    automated_score_id: mapScore(automatedSource),
    human_score_id: labelScore === undefined ? null : mapScore(labelScore.id),
    executed_turns: Math.max(0, Math.round(source.executed_turns)),
    execution_time_ms: Math.max(0, Math.round(source.execution_time_ms)),
    outcome,
    outcome_reason: source.outcome_reason,
    attack_metadata: JSON.stringify(attackMetadata),
    pruned_conversation_ids: mapConversations(source.pruned_conversation_ids),
    adversarial_chat_conversation_ids: mapConversations(source.adversarial_chat_conversation_ids),
    labels: JSON.stringify({ ...labels, orchestrator_id: ids.orchestratorId, execution_id: ids.executionId }),
    timestamp: wallClockMicros(source.timestamp),
  };
}

/**
 * A JSON column's text as the file holds it when it parses, else the fallback: our JSON columns are read with
 * DuckDB's JSON functions, and one malformed value from someone else's file would break every view of the run.
 */
function jsonTextOr<T extends string | null>(text: string | null, fallback: T): string | T {
  return text !== null && parseJson(text) !== null ? text : fallback;
}

function seedRows(source: SourceMemory, owner: string): SeedPromptRow[] {
  return source.seeds.map((seed) => ({
    id: importedId(owner, 'seed', seed.id),
    value: seed.value,
    value_sha256: seed.value_sha256,
    data_type: seed.data_type,
    name: seed.name,
    dataset_name: seed.dataset_name,
    harm_categories: jsonTextOr(seed.harm_categories, null),
    description: seed.description,
    authors: jsonTextOr(seed.authors, null),
    groups: jsonTextOr(seed.groups, null),
    source: seed.source,
    date_added: wallClockMicros(seed.date_added),
    added_by: seed.added_by,
    prompt_metadata: jsonTextOr(seed.prompt_metadata, null),
    parameters: jsonTextOr(seed.parameters, null),
    prompt_group_id: seed.prompt_group_id === null ? null : importedId(owner, 'seed_group', seed.prompt_group_id),
    sequence: seed.sequence,
  }));
}

export function planImport(source: SourceMemory, owner: string): ImportPlan {
  const sortedPieces = [...source.pieces].sort((left, right) => left.sequence - right.sequence);
  const lookup: Lookup = {
    owner,
    piecesByConversation: groupBy(sortedPieces, (piece) => piece.conversation_id),
    scoresById: new Map(source.scores.map((score) => [score.id, score])),
    scoresByPiece: groupBy(source.scores, (score) => score.prompt_request_response_id),
    conversationTargets: source.conversationTargets,
  };
  const groups = new Map<string, { key: GroupKey; candidates: ResultCandidate[] }>();
  for (const candidate of candidatesOf(source, lookup)) {
    const key = groupKeyOf(candidate.source, lookup);
    const group = groups.get(key.key);
    if (group === undefined) groups.set(key.key, { key, candidates: [candidate] });
    else group.candidates.push(candidate);
  }
  const taken = new Set<string>();
  const executions = [...groups.values()].map(({ key, candidates }) => planExecution(key, candidates, lookup, taken));
  return { executions, seeds: seedRows(source, owner) };
}
