import type { ExecutionSummaryView, ExecutionView } from './executionView';

/** How an attempt stopped, as the engine saw it. The status it ends with is decided from this in runEnding. */
export type RunStop =
  /** The runner went through every pending item. */
  | { reason: 'finished' }
  /** The user cancelled (executions/cancel). */
  | { reason: 'cancelled' }
  /** The daemon shut down; the next one may resume. */
  | { reason: 'interrupted' }
  /** The runner threw (the database refused a write, say); `error` is its message. */
  | { reason: 'failed'; error: string | undefined };

/** What a run did, counted in input items (prompts or objectives) across every attempt unless said otherwise. */
export interface RunFigures {
  total: number;
  completed: number;
  failed: number;
  /** This attempt's sends and their summed latency: only this attempt's sends were timed. */
  sent: number;
  latencyTotalMs: number;
  /** Time spent by earlier attempts of a resumed execution, and by this one. */
  earlierSeconds: number;
  attemptMs: number;
}

export type EndedStatus = Exclude<ExecutionView['status'], 'running'>;

/** Stored as execution_summary: why a run failed lives beside its figures, as ViolentUTF kept it. */
export type RunSummary = ExecutionSummaryView & { error?: string };

export interface RunEnding {
  status: EndedStatus;
  summary: RunSummary;
}

function statusOf(stop: RunStop): EndedStatus {
  switch (stop.reason) {
    case 'finished':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    case 'interrupted':
      return 'interrupted';
    case 'failed':
      return 'failed';
  }
}

/** The one place that decides how an execution ends: its final status and the summary stored with it. */
export function runEnding(stop: RunStop, figures: RunFigures): RunEnding {
  const successful = figures.completed - figures.failed;
  return {
    status: statusOf(stop),
    summary: {
      total_prompts: figures.total,
      successful_prompts: successful,
      failed_prompts: figures.failed,
      success_rate: figures.total === 0 ? 0 : successful / figures.total,
      total_time_seconds: figures.earlierSeconds + figures.attemptMs / 1000,
      avg_response_time_ms: figures.sent === 0 ? 0 : figures.latencyTotalMs / figures.sent,
      ...(stop.reason === 'failed' && stop.error ? { error: stop.error } : {}),
    },
  };
}
