import { formatRate, outcomeHeadline } from '../../domain/runFigures';
import { budgetText, usageText } from '../../domain/usageText';
import type { Execution } from './orchestratorStore';

/** Short texts shared by the tree, the status bar tooltip and notifications, so a run reads the same everywhere. */

export type ExecutionStatus = Execution['status'];

/** How each status is said to a person (docs/results.md, "Run status"). */
export const STATUS_LABELS: Readonly<Record<ExecutionStatus, string>> = {
  running: 'running',
  completed: 'completed',
  completed_with_errors: 'completed with errors',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  budget_exhausted: 'budget exhausted',
};

/** The headline counts in the run's own unit: objectives for an attack, prompts for prompt_sending. */
export { unitOf } from '../../domain/runUnit';

export function progressPercent(execution: Execution): number {
  const { completed, total } = execution.progress;
  return total > 0 ? Math.floor((completed / total) * 100) : 0;
}

/** "3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts", from the stored outcomes (labels applied). */
export function headline(execution: Execution, unit = 'prompt'): string {
  return outcomeHeadline(execution.figures.outcomes, { planned: execution.progress.total, unit });
}

function errorsText(errors: number): string {
  return errors === 0 ? '' : ` · ${errors} error${errors === 1 ? '' : 's'}`;
}

/**
 * One line per run. A running run is told by its progress (its figures are read when the run is read, so they lag
 * behind the progress notifications); an ended one leads with its headline, then its status.
 */
export function progressText(execution: Execution, unit = 'prompt'): string {
  const { completed, total, errors } = execution.progress;
  if (execution.status === 'running')
    return `${progressPercent(execution)}% · ${completed}/${total}${errorsText(errors)}`;
  return `${headline(execution, unit)} · ${STATUS_LABELS[execution.status]}`;
}

/** The line under an ended run: how much the target answered, and how fast. */
export function summaryText(execution: Execution): string | undefined {
  const summary = execution.execution_summary;
  if (!summary) return undefined;
  const { judged_total, outcomes, response_rate } = execution.figures;
  const answered = judged_total - outcomes.error;
  return `${answered} of ${judged_total} answered (${formatRate(response_rate)}) · avg ${Math.round(summary.avg_response_time_ms)} ms · ${formatSeconds(summary.total_time_seconds)}`;
}

/** The run's rates, each named as docs/results.md names it. */
export function ratesText(execution: Execution): string {
  const { attack_success_rate, error_rate, response_rate } = execution.figures;
  return `attack success rate ${formatRate(attack_success_rate)} · error rate ${formatRate(error_rate)} · response rate ${formatRate(response_rate)}`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function startedLabel(execution: Execution, now = new Date()): string {
  const started = new Date(execution.started_at);
  if (Number.isNaN(started.getTime())) return execution.started_at;
  const sameDay = started.toDateString() === now.toDateString();
  const time = started.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return sameDay ? `Run ${time}` : `Run ${started.toLocaleDateString()} ${time}`;
}

/** Statuses from which `executions/resume` can continue (only prompts without a stored result are sent). */
export function isResumable(execution: Execution): boolean {
  switch (execution.status) {
    case 'interrupted':
    case 'cancelled':
    case 'failed':
    case 'budget_exhausted':
      return true;
    case 'running':
    case 'completed':
    case 'completed_with_errors':
      return false;
  }
}

/** An ended run with errored results: `executions/resume {retry_errors: true}` sends those prompts again. */
export function hasErrorsToRetry(execution: Execution): boolean {
  return execution.status !== 'running' && execution.figures.outcomes.error > 0;
}

/**
 * The run's model calls for its tooltip: totals, one line per role, and its budget; empty when it made none and
 * has no budget (an older daemon reports no usage at all).
 */
export function usageLines(execution: Execution): string[] {
  const { usage, budget } = execution;
  const lines: string[] = [];
  if (usage !== undefined && usage.requests > 0) {
    lines.push(`Usage: ${usageText(usage)}`);
    for (const [role, totals] of Object.entries(usage.by_role))
      if (totals !== undefined) lines.push(`${role}: ${usageText(totals)}`);
  }
  const limits = budget ? budgetText(budget) : '';
  if (limits !== '') lines.push(`Budget: ${limits}`);
  return lines;
}
