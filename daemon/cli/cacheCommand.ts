import type { Command, Option } from 'commander';
import { printJson } from './output';
import type { WithDaemon } from './withDaemon';

export function addClearCacheCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('clear-cache')
    .description('checkpoint and close your idle database and dispose idle orchestrator instances')
    .addOption(userOption())
    .option('--json', 'print cache/clear as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const result = await withDaemon(options.user, (connection) => connection.request('cache/clear'));
      if (options.json) return printJson(result);
      process.stdout.write(
        `Closed ${result.closed.length} database(s)${result.closed.length ? `: ${result.closed.join(', ')}` : ''}; ` +
          `disposed ${result.pool_instances_disposed} idle orchestrator instance(s).\n` +
          result.kept.map((kept) => `Kept open: ${kept.path} (${kept.reason})\n`).join(''),
      );
    });
}
