import * as vscode from 'vscode';
import { showActionableError } from './actionableError';
import { commandFailure } from './commandTitles';
import type { DaemonClient } from '../daemonClient';
import type { Execution, OrchestratorStore } from '../tree/orchestratorStore';
import { hasErrorsToRetry, isResumable, progressText, startedLabel, unitOf } from '../tree/executionText';
import { executionFromArgument, orchestratorFromArgument } from './commandArguments';
import { announceEnd, trackExecution, type EndActions } from './executionProgress';
import { secretNames } from '../orchestratorConfig/orchestratorFile';
import type { TargetSecrets } from './targetSecrets';
import { hasEnded } from '../../client/executionStatus';
import { withAskedEnvAllowances } from './envAllowance';

export interface ExecutionCommandDependencies {
  client: DaemonClient;
  store: OrchestratorStore;
  secrets: TargetSecrets;
  log: vscode.LogOutputChannel;
  showResults: (execution: Execution) => unknown;
}

/** An execution from the argument, else a quick pick over the user's recent executions that pass `filter`. */
export async function resolveExecution(
  client: DaemonClient,
  argument: unknown,
  filter: (execution: Execution) => boolean,
  title: string,
  emptyMessage: string,
): Promise<Execution | undefined> {
  const given = executionFromArgument(argument);
  if (typeof given === 'string') return client.request('executions/get', { execution_id: given });
  if (given) return given;
  const { executions } = await client.request('executions/list', { limit: 100 });
  const candidates = executions.filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(emptyMessage);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((execution) => ({
      label: execution.orchestrator_name,
      description: `${startedLabel(execution)} · ${progressText(execution)}`,
      detail: execution.execution_id,
      execution,
    })),
    { title, matchOnDetail: true },
  );
  return picked?.execution;
}

export async function cancelExecution(
  deps: ExecutionCommandDependencies,
  argument?: unknown,
): Promise<Execution | undefined> {
  const execution = await resolveExecution(
    deps.client,
    argument,
    (e) => !hasEnded(e),
    'Cancel which execution?',
    'No execution is running.',
  );
  if (!execution) return undefined;
  try {
    const cancelled = await deps.client.request('executions/cancel', { execution_id: execution.execution_id });
    deps.log.info(`cancelled execution ${execution.execution_id}`);
    return cancelled;
  } catch (error) {
    void showActionableError(commandFailure('violentutf.cancelExecution', error));
    return undefined;
  }
}

export function resumeExecution(deps: ExecutionCommandDependencies, argument?: unknown): Promise<string | undefined> {
  return resume(deps, argument, false);
}

/** Retry Errors: resume with retry_errors, so the prompts whose outcome is error are sent again. */
export function retryErrors(deps: ExecutionCommandDependencies, argument?: unknown): Promise<string | undefined> {
  return resume(deps, argument, true);
}

/** What the end-of-run toast offers: the results, and a retry when some prompts errored. */
export function endActions(deps: ExecutionCommandDependencies): EndActions {
  return {
    showResults: deps.showResults,
    retryErrors: (execution) => void retryErrors(deps, execution),
    resume: (execution) => void resumeExecution(deps, execution),
  };
}

async function resume(
  deps: ExecutionCommandDependencies,
  argument: unknown,
  retry: boolean,
): Promise<string | undefined> {
  const execution = await resolveExecution(
    deps.client,
    argument,
    retry ? hasErrorsToRetry : isResumable,
    retry ? 'Retry the errors of which execution?' : 'Resume which execution?',
    retry ? 'No ended execution has errors to retry.' : 'No execution is interrupted or cancelled.',
  );
  if (!execution) return undefined;
  try {
    // The saved configuration tells which target keys the run needs; their values come from SecretStorage again.
    const orchestrator = await deps.client.request('orchestrators/get', { orchestrator_id: execution.orchestrator_id });
    const secrets = await deps.secrets.collect(secretNames(orchestrator.parameters));
    if (!secrets) return undefined;
    const started = await withAskedEnvAllowances(deps.client, deps.log, () =>
      deps.client.request('executions/resume', {
        execution_id: execution.execution_id,
        retry_errors: retry,
        ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
      }),
    );
    deps.log.info(`${retry ? 'retrying the errors of' : 'resumed'} execution ${started.execution_id}`);
    void trackExecution(
      deps.client,
      started.execution_id,
      `ViolentUTF: ${execution.orchestrator_name} (${retry ? 'retrying errors' : 'resumed'})`,
      deps.log,
    ).then((ended) => {
      if (ended) announceEnd(ended, endActions(deps), unitOf(orchestrator.orchestrator_type));
    });
    return started.execution_id;
  } catch (error) {
    void showActionableError(commandFailure(retry ? 'violentutf.retryErrors' : 'violentutf.resumeExecution', error));
    return undefined;
  }
}

export async function showResultsCommand(
  deps: ExecutionCommandDependencies,
  argument?: unknown,
): Promise<string | undefined> {
  const orchestrator = orchestratorFromArgument(argument);
  const execution = orchestrator?.last_execution
    ? orchestrator.last_execution
    : await resolveExecution(
        deps.client,
        argument,
        () => true,
        'Show the results of which execution?',
        'There are no executions yet.',
      );
  if (!execution) return undefined;
  deps.showResults(execution);
  return execution.execution_id;
}

export async function deleteOrchestrator(deps: ExecutionCommandDependencies, argument?: unknown): Promise<boolean> {
  let orchestrator = orchestratorFromArgument(argument);
  if (!orchestrator) {
    const { orchestrators } = await deps.client.request('orchestrators/list');
    if (orchestrators.length === 0) {
      void vscode.window.showInformationMessage('There are no orchestrators to delete.');
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      orchestrators.map((o) => ({
        label: o.name,
        description: o.orchestrator_type,
        detail: o.tags.join(', ') || undefined,
        orchestrator: o,
      })),
      { title: 'Delete which orchestrator?' },
    );
    orchestrator = picked?.orchestrator;
  }
  if (!orchestrator) return false;
  const confirm = await vscode.window.showWarningMessage(
    `Delete the orchestrator "${orchestrator.name}"?`,
    {
      modal: true,
      detail:
        'Its configuration is removed from the daemon. Prompts, responses and scores already stored in your memory stay.',
    },
    'Delete',
  );
  if (confirm !== 'Delete') return false;
  try {
    await deps.client.request('orchestrators/delete', { orchestrator_id: orchestrator.id });
    deps.log.info(`deleted orchestrator "${orchestrator.name}" (${orchestrator.id})`);
    deps.store.invalidate();
    return true;
  } catch (error) {
    void showActionableError(commandFailure('violentutf.deleteOrchestrator', error));
    return false;
  }
}
