import type { Command, Option } from 'commander';
import { allResults } from '../../client/executionResults';
import { printJson } from './output';
import { describeExecution } from './describeExecution';
import { resultLines } from './resultLines';
import { runUnits } from './runUnit';
import type { WithDaemon } from './withDaemon';

export function addResultsCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('results')
    .description("print an execution's headline, then each result: outcome, prompt, response, scores and reason")
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
        const execution = await connection.request('executions/get', { execution_id: executionId });
        const unit = (await runUnits(connection))(execution.orchestrator_id);
        const limit = Math.max(1, Math.min(500, Number(options.limit) || 20));
        const page = await connection.request('results/list', { execution_id: executionId, limit });
        process.stdout.write(`${describeExecution(execution, unit)}\n\n`);
        for (const item of page.items) process.stdout.write(resultLines(item));
        const more = page.total > page.items.length ? ' (--limit, or --json for all)' : '';
        process.stdout.write(`${page.items.length} of ${page.total} shown${more}.\n`);
        if (page.items.length > 0)
          process.stdout.write(`A scorer was wrong? vutf label ${executionId} ID --jailbroken|--held [--note TEXT]\n`);
      });
    });
}
