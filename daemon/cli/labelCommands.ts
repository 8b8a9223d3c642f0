import { Option, type Command } from 'commander';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { ErrorCode } from '../../protocol/errors';
import type { LabelOutcome } from '../../domain/attackOutcome';
import { CliFailure, printJson } from './output';
import { executionHeadline } from './describeExecution';
import { safeText } from './oneLine';
import { labelText, outcomeText } from './outcomeText';
import { runUnits } from './runUnit';
import type { WithDaemon } from './withDaemon';

type Labelled = ResultOf<'results/label'>;

/** The daemon could not find exactly this id (not, say, the execution it was asked within). */
function notFound(error: unknown, id: string): boolean {
  if (!(error instanceof DaemonError) || error.code !== ErrorCode.NotFound) return false;
  return typeof error.data === 'object' && error.data !== null && 'id' in error.data && error.data.id === id;
}

/**
 * RESULT names a result by its attack_result_id or by the conversation it judges (what `vutf results` and the
 * exports show). It is tried as the first, and when the daemon has no such attack result, as the second.
 */
async function byEitherId(
  executionId: string,
  result: string,
  send: (id: { attack_result_id: string } | { conversation_id: string }) => Promise<Labelled>,
): Promise<Labelled> {
  try {
    return await send({ attack_result_id: result });
  } catch (error) {
    if (!notFound(error, result)) throw error;
  }
  try {
    return await send({ conversation_id: result });
  } catch (error) {
    if (!notFound(error, result)) throw error;
    throw new CliFailure(
      `execution ${executionId} has no result ${JSON.stringify(result)}: it is neither an attack_result_id nor a conversation_id of that run (\`vutf results ${executionId}\` shows each result's id).`,
    );
  }
}

/** The result's new outcome, then the run's headline, which the label may have changed. */
async function report(
  connection: DaemonConnection,
  executionId: string,
  labelled: Labelled,
  json: boolean | undefined,
): Promise<void> {
  if (json) return printJson(labelled);
  const execution = await connection.request('executions/get', { execution_id: executionId });
  const unit = (await runUnits(connection))(execution.orchestrator_id);
  const label = labelText(labelled);
  process.stdout.write(
    `Result ${safeText(labelled.attack_result_id)}: ${outcomeText(labelled)}\n` +
      (label ? `  label: ${safeText(label)}\n` : '') +
      `Run: ${executionHeadline(execution, unit)}\n`,
  );
}

export function addLabelCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('label')
    .description("record your verdict on one result; it wins over the scorers' everywhere, and both stay visible")
    .argument('<execution-id>')
    .argument('<result>', 'the attack_result_id (shown by `vutf results`) or the conversation_id of the result')
    .addOption(new Option('--jailbroken', 'the attack succeeded').conflicts('held'))
    .addOption(new Option('--held', 'the target held').conflicts('jailbroken'))
    .option('--note <text>', 'why (stored as the rationale of your verdict)')
    .addOption(userOption())
    .option('--json', 'print results/label as JSON')
    .action(
      async (
        executionId: string,
        result: string,
        options: { jailbroken?: boolean; held?: boolean; note?: string; user?: string; json?: boolean },
      ) => {
        if (!options.jailbroken && !options.held) throw new CliFailure('say --jailbroken or --held.', 2);
        const outcome: LabelOutcome = options.jailbroken ? 'success' : 'failure';
        await withDaemon(options.user, async (connection) => {
          const labelled = await byEitherId(executionId, result, (id) =>
            connection.request('results/label', {
              execution_id: executionId,
              ...id,
              outcome,
              ...(options.note === undefined ? {} : { note: options.note }),
            }),
          );
          await report(connection, executionId, labelled, options.json);
        });
      },
    );
}

export function addUnlabelCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('unlabel')
    .description("take your verdict on one result back: the scorers' outcome applies again")
    .argument('<execution-id>')
    .argument('<result>', 'the attack_result_id or the conversation_id of the result')
    .addOption(userOption())
    .option('--json', 'print results/unlabel as JSON')
    .action(async (executionId: string, result: string, options: { user?: string; json?: boolean }) => {
      await withDaemon(options.user, async (connection) => {
        const labelled = await byEitherId(executionId, result, (id) =>
          connection.request('results/unlabel', { execution_id: executionId, ...id }),
        );
        await report(connection, executionId, labelled, options.json);
      });
    });
}
