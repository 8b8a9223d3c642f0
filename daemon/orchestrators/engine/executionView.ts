import type { z } from 'zod';
import type { ExecutionRecord, JsonValue } from '../../memory';
import {
  ExecutionStatus,
  type Execution,
  type ExecutionSummary,
  type Progress,
} from '../../../protocol/schemas/executions';
import { figuresOf, type OutcomeCounts } from '../../../domain/runFigures';
import type { Budget, ExecutionUsage } from '../../../protocol/schemas/usage';

/** What the execution's model calls used, and the budget it runs under. */
export interface ExecutionSpending {
  usage: ExecutionUsage;
  budget: Budget | null;
}

export type ExecutionView = z.infer<typeof Execution>;
export type ExecutionSummaryView = z.infer<typeof ExecutionSummary>;
export type ProgressView = z.infer<typeof Progress>;

/** What we keep in orchestrator_executions.input_data: the exact prompts, so resume sends what start meant. */
export interface StoredInput {
  prompt_list: string[];
  dataset_path?: string;
  dataset_name?: string;
}

function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function storedInput(record: ExecutionRecord): StoredInput {
  const data = record.input_data;
  if (!isRecord(data) || !Array.isArray(data.prompt_list)) return { prompt_list: [] };
  return {
    prompt_list: data.prompt_list.filter((prompt): prompt is string => typeof prompt === 'string'),
    dataset_path: typeof data.dataset_path === 'string' ? data.dataset_path : undefined,
    dataset_name: typeof data.dataset_name === 'string' ? data.dataset_name : undefined,
  };
}

export function storedSummary(record: ExecutionRecord): ExecutionSummaryView | null {
  const summary = record.execution_summary;
  if (!isRecord(summary) || typeof summary.total_prompts !== 'number') return null;
  const number = (key: string): number => (typeof summary[key] === 'number' ? (summary[key] as number) : 0);
  return {
    total_prompts: number('total_prompts'),
    total_time_seconds: number('total_time_seconds'),
    avg_response_time_ms: number('avg_response_time_ms'),
  };
}

/** Why a run failed lives beside its figures in execution_summary, as ViolentUTF kept it. */
function storedError(record: ExecutionRecord): string | null {
  const summary = record.execution_summary;
  return isRecord(summary) && typeof summary.error === 'string' ? summary.error : null;
}

/**
 * `outcomes` are the stored ones (labels applied), read each time: the figures follow a label or any change to
 * AttackResultEntries, and nothing is decided here.
 */
export function toExecutionView(
  record: ExecutionRecord,
  orchestratorName: string,
  progress: ProgressView,
  outcomes: OutcomeCounts,
  spending: ExecutionSpending,
): ExecutionView {
  const status = ExecutionStatus.safeParse(record.status);
  return {
    execution_id: record.id,
    orchestrator_id: record.orchestrator_id,
    orchestrator_name: orchestratorName,
    execution_type: record.execution_type === 'dataset' ? 'dataset' : 'prompt_list',
    // 'pending' is never written by this daemon; an older file's pending run is as good as interrupted.
    status: status.success ? status.data : 'interrupted',
    progress,
    figures: figuresOf(outcomes),
    execution_summary: storedSummary(record),
    started_at: record.started_at,
    completed_at: record.completed_at,
    error: storedError(record),
    usage: spending.usage,
    budget: spending.budget,
  };
}
