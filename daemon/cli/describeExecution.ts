import type { Execution } from '../../client/executionStatus';

/** The text `vutf status`, `cancel` and `launch --wait` print for an execution. */
export function describeExecution(execution: Execution): string {
  const { progress, execution_summary: summary } = execution;
  const lines = [
    `Execution ${execution.execution_id} of "${execution.orchestrator_name}": ${execution.status}`,
    `  progress: ${progress.completed}/${progress.total} answered, ${progress.failed} failed`,
  ];
  if (summary) {
    lines.push(
      `  summary:  ${summary.successful_prompts} ok, ${summary.failed_prompts} failed, success rate ${(summary.success_rate * 100).toFixed(1)}%, ${summary.total_time_seconds.toFixed(1)} s, avg ${summary.avg_response_time_ms.toFixed(0)} ms/response`,
    );
  }
  if (execution.error) lines.push(`  error:    ${execution.error}`);
  return lines.join('\n');
}
