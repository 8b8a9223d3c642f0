import type { Execution } from '../../client/executionStatus';
import { outcomeHeadline } from '../../domain/runFigures';
import { safeText } from './oneLine';
import type { RunUnit } from './runUnit';
import { usageLines } from './usageLines';

/** A run's headline (docs/results.md): "3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts". */
export function executionHeadline(execution: Execution, unit: RunUnit): string {
  return outcomeHeadline(execution.figures.outcomes, { planned: execution.progress.total, unit });
}

/** The text `vutf status`, `cancel`, `results` and `launch --wait` print for an execution: the headline first. */
export function describeExecution(execution: Execution, unit: RunUnit): string {
  const summary = execution.execution_summary;
  const lines = [
    executionHeadline(execution, unit),
    `  execution ${execution.execution_id} of "${safeText(execution.orchestrator_name)}": ${execution.status}`,
  ];
  if (summary)
    lines.push(
      `  time:  ${summary.total_time_seconds.toFixed(1)} s, avg ${summary.avg_response_time_ms.toFixed(0)} ms per answer`,
    );
  lines.push(...usageLines(execution));
  if (execution.error) lines.push(`  error: ${safeText(execution.error)}`);
  return lines.join('\n');
}
