import type { Execution } from '../../client/executionStatus';
import { budgetText, usageText } from '../../domain/usageText';

/**
 * The usage and budget lines `vutf status` and `launch --wait` print: totals, then one line per role. A daemon of an
 * older 2.x sends neither, and gets no lines.
 */
export function usageLines(execution: Partial<Pick<Execution, 'usage' | 'budget'>>): string[] {
  const { usage, budget } = execution;
  const lines: string[] = [];
  if (usage !== undefined && usage.requests > 0) {
    lines.push(`  usage: ${usageText(usage)}`);
    for (const [role, totals] of Object.entries(usage.by_role))
      if (totals !== undefined) lines.push(`    ${role}: ${usageText(totals)}`);
  }
  const limits = budget ? budgetText(budget) : '';
  if (limits !== '') lines.push(`  budget: ${limits}`);
  return lines;
}
