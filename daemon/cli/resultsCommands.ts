import { once } from 'node:events';
import type { Command, Option } from 'commander';
import { describeExecution } from './describeExecution';
import { writeResultsJson, writeResultsText } from './resultPages';
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
        // Waits for a slow pipe to drain, so that a long listing is not all buffered here.
        const write = async (text: string): Promise<void> => {
          if (!process.stdout.write(text)) await once(process.stdout, 'drain');
        };
        if (options.json) return writeResultsJson(connection, executionId, write);
        const execution = await connection.request('executions/get', { execution_id: executionId });
        const unit = (await runUnits(connection))(execution.orchestrator_id);
        const limit = Math.max(1, Math.min(500, Number(options.limit) || 20));
        await write(`${describeExecution(execution, unit)}\n\n`);
        const { shown, total } = await writeResultsText(connection, executionId, limit, write);
        const more = total > shown ? ' (--limit, or --json for all)' : '';
        await write(`${shown} of ${total} shown${more}.\n`);
        if (shown > 0)
          await write(`A scorer was wrong? vutf label ${executionId} ID --jailbroken|--held [--note TEXT]\n`);
      });
    });
}
