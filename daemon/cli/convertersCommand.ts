import type { Command, Option } from 'commander';
import { printJson } from './output';
import type { WithDaemon } from './withDaemon';

/** `vutf converters`: what converters/list returns, one line each, for choosing a `type` without the docs. */
export function addConvertersCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('converters')
    .description('list the prompt converters: type, PyRIT class, whether it needs a model, whether it takes a seed')
    .addOption(userOption())
    .option('--json', 'print converters/list as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const result = await withDaemon(options.user, (connection) => connection.request('converters/list'));
      if (options.json) return printJson(result);
      const width = Math.max(...result.converters.map((entry) => entry.type.length));
      process.stdout.write(
        result.converters
          .map((entry) => {
            const flags = [entry.needs_model ? 'model' : '', entry.seeded ? 'seed' : ''].filter(Boolean).join(', ');
            return `${entry.type.padEnd(width)}  ${entry.pyrit_class}${flags ? ` (${flags})` : ''}\n`;
          })
          .join(''),
      );
    });
}
