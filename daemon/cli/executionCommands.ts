import type { Command, Option } from 'commander';
import { printJson } from './output';
import { describeExecution, executionHeadline } from './describeExecution';
import { safeText } from './oneLine';
import { runUnits, unitOf } from './runUnit';
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
          ? `${last.status}: ${executionHeadline(last, unitOf(item.orchestrator_type))} (execution ${last.execution_id})`
          : 'never run';
        process.stdout.write(`${item.id}  ${safeText(item.name)}  [${safeText(item.orchestrator_type)}]  ${state}\n`);
      }
    });
}

export function addStatusCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('status')
    .description("show an execution's outcomes, status and timing")
    .argument('<execution-id>')
    .addOption(userOption())
    .option('--json', 'print executions/get as JSON')
    .action(async (executionId: string, options: { user?: string; json?: boolean }) => {
      await withDaemon(options.user, async (connection) => {
        const execution = await connection.request('executions/get', { execution_id: executionId });
        if (options.json) return printJson(execution);
        const unit = (await runUnits(connection))(execution.orchestrator_id);
        process.stdout.write(`${describeExecution(execution, unit)}\n`);
      });
    });
}

export function addCancelCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('cancel')
    .description('cancel a running execution (prompts in flight are aborted; resume later)')
    .argument('<execution-id>')
    .addOption(userOption())
    .action(async (executionId: string, options: { user?: string }) => {
      await withDaemon(options.user, async (connection) => {
        const execution = await connection.request('executions/cancel', { execution_id: executionId });
        const unit = (await runUnits(connection))(execution.orchestrator_id);
        process.stdout.write(`${describeExecution(execution, unit)}\n`);
      });
    });
}
