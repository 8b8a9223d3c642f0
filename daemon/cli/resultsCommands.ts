import type { Command, Option } from 'commander';
import { allResults } from '../../client/executionResults';
import { printJson } from './output';
import { oneLine } from './oneLine';
import type { WithDaemon } from './withDaemon';

export function addResultsCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('results')
    .description("print an execution's prompts, responses and scores")
    .argument('<execution-id>')
    .addOption(userOption())
    .option('--json', 'print every result (all pages) and the summary as JSON')
    .option('--limit <n>', 'rows to print (text output)', '20')
    .action(async (executionId: string, options: { user?: string; json?: boolean; limit: string }) => {
      await withDaemon(options.user, async (connection) => {
        if (options.json) {
          const items = await allResults(connection, executionId);
          const summary = await connection.request('results/summary', { execution_id: executionId });
          return printJson({ execution_id: executionId, total: items.length, items, summary });
        }
        const limit = Math.max(1, Math.min(500, Number(options.limit) || 20));
        const page = await connection.request('results/list', { execution_id: executionId, limit });
        for (const item of page.items) {
          const scores = item.scores.map((score) => `${score.scorer}=${score.score_value}`).join(' ');
          const response = item.response
            ? item.response.response_error === 'none'
              ? item.response.converted_value
              : `[${item.response.response_error}] ${item.response.converted_value}`
            : '(no response)';
          process.stdout.write(
            `• ${oneLine(item.request.original_value)}\n    sent:  ${oneLine(item.request.converted_value)}\n    got:   ${oneLine(response)}\n${scores ? `    score: ${scores}\n` : ''}`,
          );
        }
        process.stdout.write(
          `${page.items.length} of ${page.total} shown${page.total > page.items.length ? ` (--limit, or --json for all)` : ''}.\n`,
        );
      });
    });
}

export function addCompareCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('compare')
    .description('compare two executions prompt by prompt: newly jailbroken, newly held, success-rate deltas')
    .argument('<base-execution-id>')
    .argument('<head-execution-id>')
    .addOption(userOption())
    .option('--json', 'print results/compare as JSON')
    .action(async (base: string, head: string, options: { user?: string; json?: boolean }) => {
      const comparison = await withDaemon(options.user, (connection) =>
        connection.request('results/compare', { base_execution_id: base, head_execution_id: head }),
      );
      if (options.json) return printJson(comparison);
      const rate = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
      const delta = (value: number | null) =>
        value === null ? '' : ` (${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pts)`;
      const { totals } = comparison;
      const lines = [
        `Base ${comparison.base.execution_id} (${comparison.base.orchestrator_name}): attack success ${rate(comparison.base.success_rate)}`,
        `Head ${comparison.head.execution_id} (${comparison.head.orchestrator_name}): attack success ${rate(comparison.head.success_rate)}${delta(comparison.success_rate_delta)}`,
        `Newly jailbroken ${totals.newly_jailbroken}, newly held ${totals.newly_held}, unchanged ${totals.unchanged}, only in base ${totals.missing_in_head}, only in head ${totals.missing_in_base}`,
        ...comparison.by_converter.map(
          (row) => `  converter ${row.name}: ${rate(row.base_rate)} → ${rate(row.head_rate)}${delta(row.delta)}`,
        ),
        ...comparison.by_scorer.map(
          (row) => `  scorer ${row.name}: ${rate(row.base_rate)} → ${rate(row.head_rate)}${delta(row.delta)}`,
        ),
        ...comparison.prompts
          .filter((prompt) => prompt.change === 'newly_jailbroken' || prompt.change === 'newly_held')
          .map(
            (prompt) =>
              `  ${prompt.change === 'newly_jailbroken' ? '✗ newly jailbroken' : '✓ newly held'}: ${oneLine(prompt.prompt)}`,
          ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
