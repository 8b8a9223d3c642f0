import type { JsonRow } from '../../memory/rowValues';
import type { SqlValue } from 'sql.js';

/**
 * Our rows as PyRIT's revision ab8f2c1a9d07 holds them. What differs from our PyRIT 0.9 tables:
 * - PromptMemoryEntries: `orchestrator_identifier` is `attack_identifier` (the attack result's, so every turn of
 *   an attack names the same attack); the NOT NULL JSON columns get `{}` when we stored none.
 * - ScoreEntries: `score_category` is a list (`["jailbreak"]`); `score_metadata` a JSON object; `objective` is the
 *   attack's objective for the deciding answer, `task` kept as it was.
 * - AttackResultEntries: `last_score_id` is the deciding score, a reviewer's label before the scorers' (PyRIT has
 *   one such column at this revision); the scorers' score id and outcome stay in `attack_metadata`.
 * - SeedPromptEntries: `seed_type` is `prompt`, `role` `user`.
 * `pyrit_version` stays NULL: no PyRIT wrote these rows.
 */

export type PyritRow = Record<string, SqlValue>;

export type ExportedResultRow = JsonRow;

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function jsonText(value: unknown, fallback: string): string {
  const text = textOrNull(value);
  if (text === null || text === '') return fallback;
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}

function objectText(value: unknown): string {
  const text = textOrNull(value);
  if (text === null || text === '') return '{}';
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return text;
  } catch {
    // Not JSON: kept as the value of one key below.
  }
  return JSON.stringify({ metadata: text });
}

export function toPyritPiece(row: JsonRow, attackOfConversation: ReadonlyMap<string, string>): PyritRow {
  const conversation = String(row.conversation_id);
  return {
    id: String(row.id),
    role: String(row.role),
    conversation_id: conversation,
    sequence: Number(row.sequence),
    timestamp: String(row.timestamp),
    labels: jsonText(row.labels, '{}'),
    prompt_metadata: jsonText(row.prompt_metadata, '{}'),
    targeted_harm_categories: null,
    converter_identifiers: jsonText(row.converter_identifiers, '[]'),
    prompt_target_identifier: jsonText(row.prompt_target_identifier, '{}'),
    attack_identifier: attackOfConversation.get(conversation) ?? jsonText(row.orchestrator_identifier, '{}'),
    response_error: textOrNull(row.response_error),
    original_value_data_type: String(row.original_value_data_type),
    original_value: String(row.original_value),
    original_value_sha256: textOrNull(row.original_value_sha256),
    converted_value_data_type: String(row.converted_value_data_type),
    converted_value: textOrNull(row.converted_value),
    converted_value_sha256: textOrNull(row.converted_value_sha256),
    original_prompt_id: String(row.original_prompt_id),
    pyrit_version: null,
  };
}

export function toPyritScore(row: JsonRow, objectiveOfPiece: ReadonlyMap<string, string>): PyritRow {
  const category = textOrNull(row.score_category);
  const piece = textOrNull(row.prompt_request_response_id);
  return {
    id: String(row.id),
    score_value: String(row.score_value),
    score_value_description: textOrNull(row.score_value_description),
    score_type: String(row.score_type),
    score_category: JSON.stringify(category === null || category === '' ? [] : [category]),
    score_rationale: textOrNull(row.score_rationale),
    score_metadata: objectText(row.score_metadata),
    scorer_class_identifier: jsonText(row.scorer_class_identifier, '{}'),
    prompt_request_response_id: piece,
    timestamp: String(row.timestamp),
    task: textOrNull(row.task),
    objective: (piece === null ? undefined : objectiveOfPiece.get(piece)) ?? textOrNull(row.task),
    pyrit_version: null,
  };
}

export function toPyritAttackResult(
  row: JsonRow,
  exportedPieces: ReadonlySet<string>,
  exportedScores: ReadonlySet<string>,
): PyritRow {
  const human = textOrNull(row.human_score_id);
  const automated = textOrNull(row.automated_score_id);
  const deciding = [human, automated].find((id) => id !== null && exportedScores.has(id)) ?? null;
  let metadata: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(textOrNull(row.attack_metadata) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      metadata = parsed as Record<string, unknown>;
  } catch {
    metadata = {};
  }
  if (automated !== null) metadata.automated_score_id = automated;
  const lastResponse = textOrNull(row.last_response_id);
  return {
    id: String(row.id),
    conversation_id: String(row.conversation_id),
    objective: String(row.objective),
    attack_identifier: jsonText(row.attack_identifier, '{}'),
    atomic_attack_identifier: null,
    objective_sha256: textOrNull(row.objective_sha256),
    last_response_id: lastResponse !== null && exportedPieces.has(lastResponse) ? lastResponse : null,
    last_score_id: deciding,
    executed_turns: Number(row.executed_turns),
    execution_time_ms: Number(row.execution_time_ms),
    outcome: String(row.outcome),
    outcome_reason: textOrNull(row.outcome_reason),
    attack_metadata: JSON.stringify(metadata),
    pruned_conversation_ids: jsonText(row.pruned_conversation_ids, '[]'),
    adversarial_chat_conversation_ids: jsonText(row.adversarial_chat_conversation_ids, '[]'),
    timestamp: String(row.timestamp),
    pyrit_version: null,
  };
}

export function toPyritSeed(row: JsonRow): PyritRow {
  return {
    id: String(row.id),
    value: String(row.value),
    value_sha256: textOrNull(row.value_sha256),
    data_type: String(row.data_type),
    name: textOrNull(row.name),
    dataset_name: textOrNull(row.dataset_name),
    harm_categories: textOrNull(row.harm_categories),
    description: textOrNull(row.description),
    authors: textOrNull(row.authors),
    groups: textOrNull(row.groups),
    source: textOrNull(row.source),
    date_added: String(row.date_added),
    added_by: String(row.added_by),
    prompt_metadata: textOrNull(row.prompt_metadata),
    parameters: textOrNull(row.parameters),
    prompt_group_id: textOrNull(row.prompt_group_id),
    sequence: row.sequence === null || row.sequence === undefined ? null : Number(row.sequence),
    role: 'user',
    seed_type: 'prompt',
  };
}
