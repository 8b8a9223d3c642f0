import type { Execution } from '../../client/executionStatus';
import { budgetText, usageText } from '../../domain/usageText';

/** The usage and budget lines `vutf status` and `launch --wait` print: totals, then one line per role. */
export function usageLines(execution: Execution): string[] {
  const { usage, budget } = execution;
  const lines: string[] = [];
  if (usage.requests > 0) {
    lines.push(`  usage: ${usageText(usage)}`);
    for (const [role, totals] of Object.entries(usage.by_role))
      if (totals !== undefined) lines.push(`    ${role}: ${usageText(totals)}`);
  }
  const limits = budget === null ? '' : budgetText(budget);
  if (limits !== '') lines.push(`  budget: ${limits}`);
  return lines;
}
