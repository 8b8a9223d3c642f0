import { InvalidInputError } from '../../../domain/errors';
import type { SourceRow, SourceTables, SourceValue } from './sourceTables';

/**
 * PyRIT's rows in one shape whatever revision wrote them. The columns later revisions renamed or dropped are
 * mapped here and nowhere else:
 * - `AttackResultEntries.last_score_id` became `automated_score_id` (with `human_score_id` beside it);
 * - `AttackResultEntries.attack_identifier` was dropped for `atomic_attack_identifier`;
 * - `PromptMemoryEntries.labels`, `attack_identifier` and `prompt_target_identifier` were dropped: labels moved to
 *   `AttackResultEntries.labels`, the target to `Conversations.target_identifier`;
 * - PyRIT 0.9 (DuckDB) named the attack `orchestrator_identifier`;
 * - `ScoreEntries.task` became `objective` (later `scored_expectation`); `score_category` went from text to a list.
 */

export interface SourcePiece {
  id: string;
  role: string;
  conversation_id: string;
  sequence: number;
  timestamp: string;
  labels: string | null;
  prompt_metadata: string | null;
  converter_identifiers: string | null;
  prompt_target_identifier: string | null;
  attack_identifier: string | null;
  response_error: string | null;
  original_value_data_type: string;
  original_value: string;
  original_value_sha256: string | null;
  converted_value_data_type: string;
  converted_value: string | null;
  converted_value_sha256: string | null;
}

export interface SourceScore {
  id: string;
  score_value: string | null;
  score_value_description: string | null;
  score_type: string;
  score_category: string | null;
  score_rationale: string | null;
  score_metadata: string | null;
  scorer_class_identifier: string | null;
  prompt_request_response_id: string | null;
  timestamp: string;
  task: string | null;
}

export interface SourceAttackResult {
  id: string;
  conversation_id: string;
  objective: string;
  attack_identifier: string | null;
  last_response_id: string | null;
  /** The score PyRIT's outcome rests on (`last_score_id`, later `automated_score_id`). */
  deciding_score_id: string | null;
  human_score_id: string | null;
  executed_turns: number;
  execution_time_ms: number;
  outcome: string;
  outcome_reason: string | null;
  attack_metadata: string | null;
  pruned_conversation_ids: string | null;
  adversarial_chat_conversation_ids: string | null;
  labels: string | null;
  operation: string | null;
  timestamp: string;
}

export interface SourceSeed {
  id: string;
  value: string;
  value_sha256: string | null;
  data_type: string;
  name: string | null;
  dataset_name: string | null;
  harm_categories: string | null;
  description: string | null;
  authors: string | null;
  groups: string | null;
  source: string | null;
  date_added: string;
  added_by: string;
  prompt_metadata: string | null;
  parameters: string | null;
  prompt_group_id: string | null;
  sequence: number | null;
}

export interface SourceMemory {
  format: 'sqlite' | 'duckdb';
  revision: string | null;
  pieces: SourcePiece[];
  scores: SourceScore[];
  attackResults: SourceAttackResult[];
  /**
   * Whether the file has an AttackResultEntries table (PyRIT ≥ 0.10, our memories). Without one (PyRIT 0.9) each
   * conversation is an attack; with one, a conversation no result names is a scorer's or converter's model call.
   */
  keepsAttackResults: boolean;
  seeds: SourceSeed[];
  /** Head revisions: conversation id → the target it was sent to (Conversations.target_identifier). */
  conversationTargets: Map<string, string>;
}

export interface ReadProgress {
  table: string;
  done: number;
  total: number;
}

const PAGE_ROWS = 2000;

function textOf(row: SourceRow, ...names: string[]): string | null {
  for (const name of names) {
    const value: SourceValue | undefined = row[name];
    if (value !== undefined && value !== null) return String(value);
  }
  return null;
}

function numberOf(row: SourceRow, name: string): number | null {
  const value = row[name];
  if (value === null || value === undefined || value === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A list-valued score_category (PyRIT ≥ 0.10) read as our one text; a plain text one (0.9) stays as it is. */
function categoryText(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.map(String).join(', ');
    if (typeof parsed === 'string') return parsed;
  } catch {
    // Text that is not JSON is PyRIT 0.9's plain category.
  }
  return raw;
}

class TableReader {
  constructor(
    private readonly source: SourceTables,
    private readonly onProgress: (progress: ReadProgress) => void,
  ) {}

  /** Every row of the table, only the wanted columns that exist; null when the table is absent. */
  async rows(table: string, wanted: readonly string[]): Promise<SourceRow[] | null> {
    const present = await this.source.columns(table);
    if (present === null) return null;
    const columns = wanted.filter((column) => present.has(column));
    const total = await this.source.count(table);
    const rows: SourceRow[] = [];
    this.onProgress({ table, done: 0, total });
    for (let offset = 0; offset < total; offset += PAGE_ROWS) {
      rows.push(...(await this.source.page(table, columns, offset, PAGE_ROWS)));
      this.onProgress({ table, done: Math.min(total, offset + PAGE_ROWS), total });
    }
    return rows;
  }
}

function required(row: SourceRow, table: string, name: string): string {
  const value = textOf(row, name);
  if (value === null)
    throw new InvalidInputError(`This PyRIT memory has a ${table} row without ${name}; the file is damaged.`, {
      table,
      column: name,
    });
  return value;
}

const PIECE_COLUMNS = [
  'id',
  'role',
  'conversation_id',
  'sequence',
  'timestamp',
  'labels',
  'prompt_metadata',
  'converter_identifiers',
  'prompt_target_identifier',
  'attack_identifier',
  'orchestrator_identifier',
  'response_error',
  'original_value_data_type',
  'original_value',
  'original_value_sha256',
  'converted_value_data_type',
  'converted_value',
  'converted_value_sha256',
];

const SCORE_COLUMNS = [
  'id',
  'score_value',
  'score_value_description',
  'score_type',
  'score_category',
  'score_rationale',
  'score_metadata',
  'scorer_class_identifier',
  'prompt_request_response_id',
  'timestamp',
  'task',
  'objective',
  'scored_expectation',
];

const RESULT_COLUMNS = [
  'id',
  'conversation_id',
  'objective',
  'attack_identifier',
  'atomic_attack_identifier',
  'last_response_id',
  'last_score_id',
  'automated_score_id',
  'human_score_id',
  'executed_turns',
  'execution_time_ms',
  'outcome',
  'outcome_reason',
  'attack_metadata',
  'pruned_conversation_ids',
  'adversarial_chat_conversation_ids',
  'labels',
  'operation',
  'timestamp',
];

const SEED_COLUMNS = [
  'id',
  'value',
  'value_sha256',
  'data_type',
  'name',
  'dataset_name',
  'harm_categories',
  'description',
  'authors',
  'groups',
  'source',
  'date_added',
  'added_by',
  'prompt_metadata',
  'parameters',
  'prompt_group_id',
  'sequence',
];

/** Reads the whole memory (pieces, scores, attack results, seed prompts) in pages, reporting each page. */
export async function readSourceMemory(
  source: SourceTables,
  onProgress: (progress: ReadProgress) => void,
): Promise<SourceMemory> {
  const reader = new TableReader(source, onProgress);
  const pieceRows = await reader.rows('PromptMemoryEntries', PIECE_COLUMNS);
  if (pieceRows === null)
    throw new InvalidInputError('This is a database, but not a PyRIT memory: it has no PromptMemoryEntries table.', {
      field: 'path',
    });
  const pieces = pieceRows.map((row): SourcePiece => ({
    id: required(row, 'PromptMemoryEntries', 'id'),
    role: textOf(row, 'role') ?? 'user',
    conversation_id: required(row, 'PromptMemoryEntries', 'conversation_id'),
    sequence: numberOf(row, 'sequence') ?? 0,
    timestamp: required(row, 'PromptMemoryEntries', 'timestamp'),
    labels: textOf(row, 'labels'),
    prompt_metadata: textOf(row, 'prompt_metadata'),
    converter_identifiers: textOf(row, 'converter_identifiers'),
    prompt_target_identifier: textOf(row, 'prompt_target_identifier'),
    attack_identifier: textOf(row, 'attack_identifier', 'orchestrator_identifier'),
    response_error: textOf(row, 'response_error'),
    original_value_data_type: textOf(row, 'original_value_data_type') ?? 'text',
    original_value: textOf(row, 'original_value') ?? '',
    original_value_sha256: textOf(row, 'original_value_sha256'),
    converted_value_data_type:
      textOf(row, 'converted_value_data_type') ?? textOf(row, 'original_value_data_type') ?? 'text',
    converted_value: textOf(row, 'converted_value'),
    converted_value_sha256: textOf(row, 'converted_value_sha256'),
  }));
  const scores = ((await reader.rows('ScoreEntries', SCORE_COLUMNS)) ?? []).map((row): SourceScore => ({
    id: required(row, 'ScoreEntries', 'id'),
    score_value: textOf(row, 'score_value'),
    score_value_description: textOf(row, 'score_value_description'),
    score_type: textOf(row, 'score_type') ?? 'unknown',
    score_category: categoryText(textOf(row, 'score_category')),
    score_rationale: textOf(row, 'score_rationale'),
    score_metadata: textOf(row, 'score_metadata'),
    scorer_class_identifier: textOf(row, 'scorer_class_identifier'),
    prompt_request_response_id: textOf(row, 'prompt_request_response_id'),
    timestamp: required(row, 'ScoreEntries', 'timestamp'),
    task: textOf(row, 'task', 'objective', 'scored_expectation'),
  }));
  const resultRows = await reader.rows('AttackResultEntries', RESULT_COLUMNS);
  const attackResults = (resultRows ?? []).map((row): SourceAttackResult => ({
    id: required(row, 'AttackResultEntries', 'id'),
    conversation_id: required(row, 'AttackResultEntries', 'conversation_id'),
    objective: textOf(row, 'objective') ?? '',
    attack_identifier: textOf(row, 'attack_identifier', 'atomic_attack_identifier'),
    last_response_id: textOf(row, 'last_response_id'),
    deciding_score_id: textOf(row, 'last_score_id', 'automated_score_id'),
    human_score_id: textOf(row, 'human_score_id'),
    executed_turns: numberOf(row, 'executed_turns') ?? 0,
    execution_time_ms: numberOf(row, 'execution_time_ms') ?? 0,
    outcome: textOf(row, 'outcome') ?? 'undetermined',
    outcome_reason: textOf(row, 'outcome_reason'),
    attack_metadata: textOf(row, 'attack_metadata'),
    pruned_conversation_ids: textOf(row, 'pruned_conversation_ids'),
    adversarial_chat_conversation_ids: textOf(row, 'adversarial_chat_conversation_ids'),
    labels: textOf(row, 'labels'),
    operation: textOf(row, 'operation'),
    timestamp: required(row, 'AttackResultEntries', 'timestamp'),
  }));
  const seeds = ((await reader.rows('SeedPromptEntries', SEED_COLUMNS)) ?? []).map((row): SourceSeed => ({
    id: required(row, 'SeedPromptEntries', 'id'),
    value: textOf(row, 'value') ?? '',
    value_sha256: textOf(row, 'value_sha256'),
    data_type: textOf(row, 'data_type') ?? 'text',
    name: textOf(row, 'name'),
    dataset_name: textOf(row, 'dataset_name'),
    harm_categories: textOf(row, 'harm_categories'),
    description: textOf(row, 'description'),
    authors: textOf(row, 'authors'),
    groups: textOf(row, 'groups'),
    source: textOf(row, 'source'),
    date_added: textOf(row, 'date_added') ?? '1970-01-01 00:00:00',
    added_by: textOf(row, 'added_by') ?? 'pyrit',
    prompt_metadata: textOf(row, 'prompt_metadata'),
    parameters: textOf(row, 'parameters'),
    prompt_group_id: textOf(row, 'prompt_group_id'),
    sequence: numberOf(row, 'sequence'),
  }));
  const conversationTargets = new Map<string, string>();
  for (const row of (await reader.rows('Conversations', ['conversation_id', 'target_identifier'])) ?? []) {
    const id = textOf(row, 'conversation_id');
    const target = textOf(row, 'target_identifier');
    if (id !== null && target !== null) conversationTargets.set(id, target);
  }
  return {
    format: source.format,
    revision: await source.revision(),
    pieces,
    scores,
    attackResults,
    keepsAttackResults: resultRows !== null,
    seeds,
    conversationTargets,
  };
}
