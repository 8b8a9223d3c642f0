import type { OutcomeCounts } from '../../../domain/runFigures';
import type { ExecutionSummaryView, ExecutionView } from './executionView';

/** How an attempt stopped, as the engine saw it. The status it ends with is decided from this in runEnding. */
export type RunStop =
  /** The runner went through every pending item. */
  | { reason: 'finished' }
  /** The user cancelled (executions/cancel). */
  | { reason: 'cancelled' }
  /** The daemon shut down; the next one may resume. */
  | { reason: 'interrupted' }
  /** The execution's budget stopped it; `detail` says which limit. */
  | { reason: 'budget_exhausted'; detail: string }
  /** The runner threw (the database refused a write, say); `error` is its message. */
  | { reason: 'failed'; error: string | undefined };

/** What a run did: its stored outcomes (every attempt) and this attempt's timing. */
export interface RunFigures {
  total: number;
  outcomes: OutcomeCounts;
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

/**
 * A run that went through its input is `completed` only when nothing errored (a run of nothing included),
 * `completed_with_errors` when some did, and `failed` when every one did: a model that never answered did not
 * "complete" an attack (docs/results.md, "Run status").
 */
function finishedStatus(outcomes: OutcomeCounts): { status: EndedStatus; error?: string } {
  const stored = outcomes.success + outcomes.failure + outcomes.error + outcomes.undetermined;
  if (outcomes.error === 0) return { status: 'completed' };
  if (outcomes.error < stored) return { status: 'completed_with_errors' };
  return {
    status: 'failed',
    error: `Every one of the ${stored} ${stored === 1 ? 'prompt' : 'prompts'} errored: the target (or a model the attack needs) did not answer. Their outcome reasons say why.`,
  };
}

function statusOf(stop: RunStop, outcomes: OutcomeCounts): { status: EndedStatus; error?: string } {
  switch (stop.reason) {
    case 'finished':
      return finishedStatus(outcomes);
    case 'cancelled':
      return { status: 'cancelled' };
    case 'interrupted':
      return { status: 'interrupted' };
    case 'failed':
      return { status: 'failed', ...(stop.error ? { error: stop.error } : {}) };
    case 'budget_exhausted':
      return { status: 'budget_exhausted', error: `${stop.detail} Resume with a higher budget to send the rest.` };
  }
}

/** The one place that decides how an execution ends: its final status and the summary stored with it. */
export function runEnding(stop: RunStop, figures: RunFigures): RunEnding {
  const { status, error } = statusOf(stop, figures.outcomes);
  return {
    status,
    summary: {
      total_prompts: figures.total,
      total_time_seconds: figures.earlierSeconds + figures.attemptMs / 1000,
      avg_response_time_ms: figures.sent === 0 ? 0 : figures.latencyTotalMs / figures.sent,
      ...(error ? { error } : {}),
    },
  };
}
