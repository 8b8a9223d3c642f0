import type { Execution } from './orchestratorStore';

/** Short texts shared by the tree, the status bar tooltip and notifications, so a run reads the same everywhere. */

export function progressPercent(execution: Execution): number {
  const { completed, total } = execution.progress;
  return total > 0 ? Math.floor((completed / total) * 100) : 0;
}

export function progressText(execution: Execution): string {
  const { completed, total, failed } = execution.progress;
  const failedText = failed > 0 ? ` · ${failed} failed` : '';
  if (execution.status === 'running') return `${progressPercent(execution)}% · ${completed}/${total}${failedText}`;
  return `${execution.status} · ${completed}/${total}${failedText}`;
}

export function summaryText(execution: Execution): string | undefined {
  const summary = execution.execution_summary;
  if (!summary) return undefined;
  const rate = Math.round(summary.success_rate * 1000) / 10;
  return `${rate}% answered · ${summary.successful_prompts}/${summary.total_prompts} ok · avg ${Math.round(summary.avg_response_time_ms)} ms · ${formatSeconds(summary.total_time_seconds)}`;
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

/** Statuses from which `executions/resume` can continue (only prompts without a stored response are sent). */
export function isResumable(execution: Execution): boolean {
  return execution.status === 'interrupted' || execution.status === 'cancelled' || execution.status === 'failed';
}
