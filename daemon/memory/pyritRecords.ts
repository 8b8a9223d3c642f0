import crypto, { randomUUID } from 'node:crypto';
import type { ExecutionPieceRow, PromptMemoryEntryRow, ScoreEntryRow, SeedPromptRow } from './tableRows';
import { localTimestampMicros, monotonicLocalTimestampMicros } from './timestamps';
import { type DomainError, InvalidInputError } from '../../domain/errors';

/**
 * Pure builders for rows that PyRIT 0.9 would have written itself. These are PyRIT's conventions, not ours:
 * roles user/assistant/system; a request is sequence 0 and its response sequence 1; `original_prompt_id` is the
 * piece's own id (PyRIT only differs for duplicated pieces); sha256 is lower-case hex of the UTF-8 value;
 * timestamps are naive local time (`datetime.now()`); absent JSON fields are `{}` / `[]`, never NULL.
 */

export type PyritRole = 'user' | 'assistant' | 'system';
export type PromptDataType = 'text' | 'image_path' | 'audio_path' | 'video_path' | 'url' | 'error';
export type ResponseError = 'none' | 'blocked' | 'processing' | 'empty' | 'unknown';
export type ScoreType = 'true_false' | 'float_scale';

/** PyRIT's identifier dicts: `{"__type__": class name, "__module__": python module, ...}`. */
export interface PyritIdentifier {
  __type__: string;
  __module__: string;
  [key: string]: string;
}

/** PyRIT adds the orchestrator instance's id to its identifier. */
export interface OrchestratorIdentifier extends PyritIdentifier {
  id: string;
}

/** PyRIT memory labels are str → str; ours always carry orchestrator_id and execution_id. */
export type MemoryLabels = Readonly<Record<string, string>>;
/**
 * PyRIT's `prompt_metadata` (a JSON column of str/int values), plus `usage`: the tokens the reply reported, as
 * OpenAI names them, on the response piece of a model that reports them.
 */
export type PromptMetadata = Readonly<Record<string, string | number | TokenUsageMetadata>>;

export interface TokenUsageMetadata {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** `metadata` with the answer's usage added when it reported some (none from http, process and echo targets). */
export function withUsage(
  metadata: PromptMetadata | undefined,
  usage: TokenUsageMetadata | null | undefined,
): PromptMetadata | undefined {
  if (usage === null || usage === undefined) return metadata;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = usage;
  return { ...metadata, usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } };
}

const ROLES: ReadonlySet<string> = new Set(['user', 'assistant', 'system']);
const RESPONSE_ERRORS: ReadonlySet<string> = new Set(['none', 'blocked', 'processing', 'empty', 'unknown']);
const FILE_TYPES: ReadonlySet<string> = new Set(['image_path', 'audio_path', 'video_path']);

// One-shot crypto.hash is about twice as fast as createHash for values this size, but only exists from Node
// 20.12; VS Code 1.90's Electron (which runs the daemon) ships Node 20.9.
const oneShotHash: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined;

export function sha256Hex(value: string): string {
  if (oneShotHash !== undefined) return oneShotHash('sha256', value, 'hex');
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * PyRIT hashes the value itself for text-like types and the file's bytes for `*_path` types; reading files is
 * not this layer's job, so for those the caller passes the hash (or leaves it NULL, which the column allows).
 */
function valueHash(value: string, dataType: PromptDataType, given: string | null | undefined): string | null {
  if (given !== undefined) return given;
  return FILE_TYPES.has(dataType) ? null : sha256Hex(value);
}

/**
 * What every piece of one execution shares, serialized once: a run writes thousands of pieces with the same
 * labels and identifiers, and JSON.stringify of each would cost more than appending it.
 */
export interface PieceContext {
  readonly executionId: string | null;
  readonly labelsJson: string;
  readonly targetJson: string;
  readonly orchestratorJson: string;
  readonly convertersJson: string;
  /** JSON array of the converters' __type__, for the execution index. */
  readonly converterTypesJson: string;
}

export interface PieceContextInput {
  labels: MemoryLabels;
  promptTarget?: PyritIdentifier;
  orchestrator?: OrchestratorIdentifier;
  /** The converter stack applied to requests, in order. */
  converters?: readonly PyritIdentifier[];
}

export function createPieceContext(input: PieceContextInput): PieceContext {
  const converters = input.converters ?? [];
  return Object.freeze({
    executionId: input.labels.execution_id ?? null,
    labelsJson: JSON.stringify(input.labels),
    targetJson: JSON.stringify(input.promptTarget ?? {}),
    orchestratorJson: JSON.stringify(input.orchestrator ?? {}),
    convertersJson: JSON.stringify(converters),
    converterTypesJson: JSON.stringify(converters.map((converter) => converter.__type__)),
  });
}

/** A piece ready to store: its PyRIT row and, when it belongs to an execution, its row in our index. */
export interface PromptPiece {
  readonly id: string;
  readonly conversationId: string;
  readonly sequence: number;
  readonly role: PyritRole;
  readonly promptKey: string | null;
  readonly row: PromptMemoryEntryRow;
  readonly indexRow: ExecutionPieceRow | null;
}

export interface PieceInput {
  id?: string;
  role: PyritRole;
  conversationId: string;
  sequence: number;
  originalValue: string;
  /** Defaults to the original value and its data type, as in PyRIT. */
  convertedValue?: string;
  originalValueDataType?: PromptDataType;
  convertedValueDataType?: PromptDataType;
  originalValueSha256?: string | null;
  convertedValueSha256?: string | null;
  promptMetadata?: PromptMetadata;
  /** Overrides the context's converter stack (responses carry none). */
  converters?: readonly PyritIdentifier[];
  responseError?: ResponseError;
  timestamp?: Date;
  /** Which input prompt this conversation answers; what resume compares against. */
  promptKey?: string | null;
}

export function buildPiece(context: PieceContext, input: PieceInput): PromptPiece {
  if (!ROLES.has(input.role))
    throw invalid(`role must be user, assistant or system, not ${JSON.stringify(input.role)}`, 'role');
  const responseError = input.responseError ?? 'none';
  if (!RESPONSE_ERRORS.has(responseError)) {
    throw invalid(
      `response_error must be one of none, blocked, processing, empty, unknown, not ${JSON.stringify(responseError)}`,
      'response_error',
    );
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0)
    throw invalid('sequence must be a non-negative integer', 'sequence');
  const id = input.id ?? randomUUID();
  const originalType = input.originalValueDataType ?? 'text';
  const hasConverted = input.convertedValue !== undefined;
  const convertedValue = input.convertedValue ?? input.originalValue;
  const convertedType = hasConverted ? (input.convertedValueDataType ?? originalType) : originalType;
  const originalHash = valueHash(input.originalValue, originalType, input.originalValueSha256);
  // Most responses are stored unconverted: hash once.
  const convertedHash =
    input.convertedValueSha256 !== undefined || convertedValue !== input.originalValue || convertedType !== originalType
      ? valueHash(convertedValue, convertedType, input.convertedValueSha256)
      : originalHash;
  const timestamp =
    input.timestamp === undefined ? monotonicLocalTimestampMicros() : localTimestampMicros(input.timestamp);
  const converterTypes =
    input.converters === undefined
      ? context.converterTypesJson
      : JSON.stringify(input.converters.map((converter) => converter.__type__));
  const row: PromptMemoryEntryRow = {
    id,
    role: input.role,
    conversation_id: input.conversationId,
    sequence: input.sequence,
    timestamp,
    labels: context.labelsJson,
    prompt_metadata: input.promptMetadata === undefined ? '{}' : JSON.stringify(input.promptMetadata),
    converter_identifiers: input.converters === undefined ? context.convertersJson : JSON.stringify(input.converters),
    prompt_target_identifier: context.targetJson,
    orchestrator_identifier: context.orchestratorJson,
    response_error: responseError,
    original_value_data_type: originalType,
    original_value: input.originalValue,
    original_value_sha256: originalHash,
    converted_value_data_type: convertedType,
    converted_value: convertedValue,
    converted_value_sha256: convertedHash,
    original_prompt_id: id,
  };
  const promptKey = input.promptKey ?? null;
  const indexRow: ExecutionPieceRow | null =
    context.executionId === null
      ? null
      : {
          execution_id: context.executionId,
          conversation_id: input.conversationId,
          piece_id: id,
          sequence: input.sequence,
          prompt_key: promptKey,
          piece_timestamp: timestamp,
          converter_types: input.role === 'assistant' ? null : converterTypes,
          response_error: input.role === 'assistant' ? responseError : null,
        };
  return {
    id,
    conversationId: input.conversationId,
    sequence: input.sequence,
    role: input.role,
    promptKey,
    row,
    indexRow,
  };
}

export interface RequestInput {
  prompt: string;
  /** The prompt after the context's converters; defaults to the prompt (no converters). */
  convertedPrompt?: string;
  conversationId?: string;
  promptKey?: string | null;
  dataType?: PromptDataType;
  convertedDataType?: PromptDataType;
  promptMetadata?: PromptMetadata;
  timestamp?: Date;
  id?: string;
}

/** The user turn of a new single-turn conversation (PyRIT's PromptSendingOrchestrator shape). */
export function buildRequestPiece(context: PieceContext, input: RequestInput): PromptPiece {
  return buildPiece(context, {
    id: input.id,
    role: 'user',
    conversationId: input.conversationId ?? randomUUID(),
    sequence: 0,
    originalValue: input.prompt,
    convertedValue: input.convertedPrompt,
    originalValueDataType: input.dataType,
    convertedValueDataType: input.convertedDataType,
    promptMetadata: input.promptMetadata,
    timestamp: input.timestamp,
    promptKey: input.promptKey,
  });
}

export interface ResponseInput {
  value: string;
  responseError?: ResponseError;
  dataType?: PromptDataType;
  promptMetadata?: PromptMetadata;
  timestamp?: Date;
  id?: string;
}

/**
 * The assistant turn answering `request`, as PyRIT's construct_response_from_request builds it: same
 * conversation, next sequence, no converters, labels and identifiers inherited. A failed request is stored too,
 * with its error, so no prompt is ever silently lost.
 */
export function buildResponsePiece(context: PieceContext, request: PromptPiece, input: ResponseInput): PromptPiece {
  return buildPiece(context, {
    id: input.id,
    role: 'assistant',
    conversationId: request.conversationId,
    sequence: request.sequence + 1,
    originalValue: input.value,
    originalValueDataType:
      input.dataType ?? (input.responseError !== undefined && input.responseError !== 'none' ? 'error' : 'text'),
    converters: [],
    responseError: input.responseError,
    promptMetadata: input.promptMetadata,
    timestamp: input.timestamp,
    promptKey: request.promptKey,
  });
}

export interface ScoreInput {
  /** The scored piece: PyRIT's prompt_request_response_id. */
  pieceId: string;
  scoreType: ScoreType;
  /** true_false: a boolean; float_scale: a number in [0, 1]. */
  value: boolean | number;
  category: string;
  scorer: PyritIdentifier;
  valueDescription?: string | null;
  rationale?: string | null;
  metadata?: string | null;
  task?: string | null;
  timestamp?: Date;
  id?: string;
}

/** Python's str(float), which is how PyRIT writes float_scale values ("0.0", "0.75", "1e-05"). */
export function pythonFloatText(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(1);
  if (Math.abs(value) >= 1e-4) return String(value);
  return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

export function scoreValueText(scoreType: ScoreType, value: boolean | number): string {
  if (scoreType === 'true_false') {
    if (typeof value !== 'boolean') throw invalid('a true_false score takes a boolean value', 'value');
    return value ? 'True' : 'False';
  }
  if (scoreType !== 'float_scale')
    throw invalid(`score_type must be true_false or float_scale, not ${JSON.stringify(scoreType)}`, 'score_type');
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalid('a float_scale score takes a number from 0.0 to 1.0', 'value');
  }
  return pythonFloatText(value);
}

export function buildScoreRow(input: ScoreInput): ScoreEntryRow {
  return {
    id: input.id ?? randomUUID(),
    score_value: scoreValueText(input.scoreType, input.value),
    score_value_description: input.valueDescription ?? null,
    score_type: input.scoreType,
    score_category: input.category,
    score_rationale: input.rationale ?? null,
    score_metadata: input.metadata ?? null,
    scorer_class_identifier: JSON.stringify(input.scorer),
    prompt_request_response_id: input.pieceId,
    timestamp: localTimestampMicros(input.timestamp ?? new Date()),
    task: input.task ?? null,
  };
}

export interface SeedPromptInput {
  value: string;
  /** Who added it; PyRIT requires it. */
  addedBy: string;
  dataType?: PromptDataType;
  name?: string | null;
  datasetName?: string | null;
  harmCategories?: readonly string[];
  description?: string | null;
  authors?: readonly string[];
  groups?: readonly string[];
  source?: string | null;
  promptMetadata?: PromptMetadata;
  parameters?: readonly string[];
  promptGroupId?: string | null;
  sequence?: number | null;
  dateAdded?: Date;
  id?: string;
}

export function buildSeedPromptRow(input: SeedPromptInput): SeedPromptRow {
  if (input.addedBy.trim() === '') throw invalid('a seed prompt needs added_by', 'added_by');
  const dataType = input.dataType ?? 'text';
  return {
    id: input.id ?? randomUUID(),
    value: input.value,
    value_sha256: valueHash(input.value, dataType, undefined),
    data_type: dataType,
    name: input.name ?? null,
    dataset_name: input.datasetName ?? null,
    harm_categories: JSON.stringify(input.harmCategories ?? []),
    description: input.description ?? null,
    authors: JSON.stringify(input.authors ?? []),
    groups: JSON.stringify(input.groups ?? []),
    source: input.source ?? null,
    date_added: localTimestampMicros(input.dateAdded ?? new Date()),
    added_by: input.addedBy,
    prompt_metadata: JSON.stringify(input.promptMetadata ?? {}),
    parameters: JSON.stringify(input.parameters ?? []),
    prompt_group_id: input.promptGroupId ?? null,
    sequence: input.sequence ?? null,
  };
}

function invalid(message: string, field: string): DomainError {
  return new InvalidInputError(message, { field });
}
