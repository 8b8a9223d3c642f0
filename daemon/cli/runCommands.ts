import path from 'node:path';
import type { Command, Option } from 'commander';
import type { DaemonConnection } from '../../client/daemonConnection';
import { followExecution } from '../../client/executionFollower';
import type { Execution } from '../../client/executionStatus';
import { readOrchestratorFile } from '../../config/readOrchestratorFile';
import { CliFailure, printJson } from './output';
import { renderProgress } from './progressBar';
import { describeExecution } from './describeExecution';
import { forwardedSecrets } from './forwardedSecrets';
import { addGateOptions, checkGateOptions, judge, needsEnd, type GateOptions } from './runGate';
import { unitOf, type RunUnit } from './runUnit';
import type { WithDaemon } from './withDaemon';
import { executionInput, startExecution } from '../../client/startExecution';
import { withEnvAllowances } from '../../client/envAllowance';
import { configFileKey, saveOrchestratorOfFile } from '../../client/saveOrchestrator';
import { addAllowEnvOption, envAllowanceDecider } from './allowEnv';
import { addBudgetOptions, budgetFrom, type BudgetOptions } from './budgetOptions';

interface RunOptions extends GateOptions, BudgetOptions {
  user?: string;
  wait?: boolean;
  json?: boolean;
  retryErrors?: boolean;
  allowEnv?: string[];
}

/** Follows the run to its end, drawing a progress bar on a terminal. */
async function waitForEnd(connection: DaemonConnection, executionId: string, showBar: boolean): Promise<Execution> {
  let lastDrawn = '';
  const execution = await followExecution(connection, executionId, {
    onProgress: ({ completed, total, errors }) => {
      if (!showBar) return;
      const line = renderProgress(completed, total, errors);
      if (line !== lastDrawn) process.stderr.write(`\r${line}`);
      lastDrawn = line;
    },
  });
  if (showBar) process.stderr.write('\n');
  return execution;
}

/**
 * After executions/start or executions/resume answered: report at once, or wait for the end and judge it. Exit 0
 * only for `completed` (or `completed_with_errors` within --max-error-rate) that passes every --fail-if.
 */
async function finish(
  connection: DaemonConnection,
  executionId: string,
  unit: RunUnit,
  options: RunOptions,
): Promise<void> {
  if (!options.wait && !needsEnd(options)) {
    const execution = await connection.request('executions/get', { execution_id: executionId });
    if (options.json) printJson(execution);
    else process.stdout.write(`Started execution ${executionId}. Follow it with \`vutf status ${executionId}\`.\n`);
    return;
  }
  const execution = await waitForEnd(connection, executionId, !options.json && process.stderr.isTTY === true);
  if (options.json) printJson(execution);
  else process.stdout.write(`${describeExecution(execution, unit)}\n`);
  const verdict = await judge(connection, execution, options);
  if (verdict) throw new CliFailure(verdict);
}

export function addLaunchCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  addGateOptions(
    addAllowEnvOption(
      addBudgetOptions(
        program
          .command('launch')
          .description('create or update the orchestrator of a config file (keyed by its real path) and start it')
          .argument('<file>', 'an *.orchestrator.json or *.orchestrator.yaml file')
          .addOption(userOption())
          .option(
            '--wait',
            'wait for the run to end (progress bar on a terminal); exit 1 unless it ended completed (see --max-error-rate)',
          )
          .option('--json', 'print the execution as executions/get returns it'),
      ),
    ),
  ).action(async (file: string, options: RunOptions) => {
    checkGateOptions(options);
    const config = await readOrchestratorFile(path.resolve(file));
    const secrets = forwardedSecrets(config.parameters, process.env);
    await withDaemon(options.user, async (connection) => {
      const orchestrator = await saveOrchestratorOfFile(connection, config, await configFileKey(file));
      const executionId = await withEnvAllowances(
        connection,
        () => startExecution(connection, orchestrator.id, executionInput(config), secrets, budgetFrom(options)),
        envAllowanceDecider(options.allowEnv),
      );
      await finish(connection, executionId, unitOf(config.orchestrator_type), options);
    });
  });
}

export function addResumeCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  addGateOptions(
    addAllowEnvOption(
      addBudgetOptions(
        program
          .command('resume')
          .description('continue an execution that stopped: only prompts with no stored result are sent')
          .argument('<execution-id>')
          .addOption(userOption())
          .option(
            '--retry-errors',
            'also send again the prompts whose outcome is error (the old answers stay, superseded)',
          )
          .option('--wait', 'wait for the run to end; exit 1 unless it ended completed (see --max-error-rate)')
          .option('--json', 'print the execution as executions/get returns it'),
      ),
    ),
  ).action(async (executionId: string, options: RunOptions) => {
    checkGateOptions(options);
    const budget = budgetFrom(options);
    await withDaemon(options.user, async (connection) => {
      const orchestratorId = (await connection.request('executions/get', { execution_id: executionId }))
        .orchestrator_id;
      const orchestrator = await connection.request('orchestrators/get', { orchestrator_id: orchestratorId });
      await withEnvAllowances(
        connection,
        () =>
          connection.request('executions/resume', {
            execution_id: executionId,
            secrets: forwardedSecrets(orchestrator.parameters, process.env),
            retry_errors: options.retryErrors === true,
            ...(budget ? { budget } : {}),
          }),
        envAllowanceDecider(options.allowEnv),
      );
      await finish(connection, executionId, unitOf(orchestrator.orchestrator_type), options);
    });
  });
}
