import type { Command, Option } from 'commander';
import { printJson } from './output';
import { describeExecution } from './describeExecution';
import type { WithDaemon } from './withDaemon';

export function addListCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('list')
    .description('list your orchestrators and their latest execution')
    .addOption(userOption())
    .option('--json', 'print orchestrators/list as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const { orchestrators } = await withDaemon(options.user, (connection) =>
        connection.request('orchestrators/list'),
      );
      if (options.json) return printJson({ orchestrators });
      if (orchestrators.length === 0)
        return void process.stdout.write(
          'No orchestrators yet. Launch one: vutf launch examples/echo-basics.orchestrator.json\n',
        );
      for (const item of orchestrators) {
        const last = item.last_execution;
        const state = last
          ? `${last.status} ${last.progress.completed}/${last.progress.total} (execution ${last.execution_id})`
          : 'never run';
        process.stdout.write(`${item.id}  ${item.name}  [${item.orchestrator_type}]  ${state}\n`);
      }
    });
}

export function addStatusCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('status')
    .description("show an execution's status, progress and summary")
    .argument('<execution-id>')
    .addOption(userOption())
    .option('--json', 'print executions/get as JSON')
    .action(async (executionId: string, options: { user?: string; json?: boolean }) => {
      const execution = await withDaemon(options.user, (connection) =>
        connection.request('executions/get', { execution_id: executionId }),
      );
      if (options.json) printJson(execution);
      else process.stdout.write(`${describeExecution(execution)}\n`);
    });
}

export function addCancelCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('cancel')
    .description('cancel a running execution (prompts in flight are aborted; resume later)')
    .argument('<execution-id>')
    .addOption(userOption())
    .action(async (executionId: string, options: { user?: string }) => {
      const execution = await withDaemon(options.user, (connection) =>
        connection.request('executions/cancel', { execution_id: executionId }),
      );
      process.stdout.write(`${describeExecution(execution)}\n`);
    });
}
