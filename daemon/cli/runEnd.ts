import type { Execution } from '../../client/executionStatus';
import { formatRate } from '../../domain/runFigures';

/**
 * Why an ended run fails `launch --wait` / `resume --wait` (docs/results.md, "Run status"), or undefined when it
 * passes: only `completed` does, `completed_with_errors` when --max-error-rate allows the run's error_rate, and
 * `budget_exhausted` with --allow-partial (what the budget let it send is judged by --fail-if).
 */
export function endedRunFailure(
  execution: Execution,
  maxErrorRate: number | undefined,
  allowPartial = false,
): string | undefined {
  const { execution_id: id, status, figures } = execution;
  switch (status) {
    case 'completed':
      return undefined;
    case 'completed_with_errors': {
      const rate = figures.error_rate;
      if (maxErrorRate !== undefined && rate !== null && rate <= maxErrorRate) return undefined;
      const errored = `${figures.outcomes.error} of ${figures.judged_total} errored (error rate ${formatRate(rate)})`;
      const allowance =
        maxErrorRate === undefined
          ? `--max-error-rate lets a share pass, \`vutf resume ${id} --retry-errors\` sends them again`
          : `more than --max-error-rate ${maxErrorRate}`;
      return `execution ${id} ended completed_with_errors: ${errored}; ${allowance}`;
    }
    case 'interrupted':
      return `execution ${id} ended interrupted${execution.error ? `: ${execution.error}` : ''}; \`vutf resume ${id}\` continues it`;
    case 'budget_exhausted':
      if (allowPartial) return undefined;
      return `execution ${id} ended budget_exhausted${execution.error ? `: ${execution.error}` : ''}; --allow-partial lets it pass, \`vutf resume ${id} --budget-…\` with a higher budget sends the rest`;
    case 'running':
    case 'failed':
    case 'cancelled':
      return `execution ${id} ended ${status}${execution.error ? `: ${execution.error}` : ''}`;
  }
}

/** `--max-error-rate X`: a share from 0 to 1, checked before anything runs. */
export function parseMaxErrorRate(text: string): number {
  const rate = Number(text);
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new Error(`--max-error-rate ${JSON.stringify(text)} is not a share from 0 to 1 (0.05 is 5%).`);
  return rate;
}
