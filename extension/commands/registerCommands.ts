import * as vscode from 'vscode';
import { showActionableError } from './actionableError';
import { commandFailure } from './commandTitles';
import type { DaemonClient } from '../daemonClient';
import type { HealthWatcher } from '../status/healthWatcher';
import type { Execution, OrchestratorStore } from '../tree/orchestratorStore';
import { DebugPanel } from '../panels/debugPanel';
import { ResultsPanel } from '../panels/resultsPanel';
import { ComparePanel } from '../panels/comparePanel';
import { compareExecutions } from './compareExecutions';
import { describeCacheClear, type CacheClearResult } from './cacheSummary';
import { launchOrchestrator } from './launchOrchestrator';
import {
  cancelExecution,
  deleteOrchestrator,
  resumeExecution,
  retryErrors,
  showResultsCommand,
} from './executionCommands';
import { newOrchestratorConfig } from './newOrchestratorConfig';
import { exportPyritMemory, openPyritMemory } from './pyritMemory';
import { setTargetApiKey } from './setTargetApiKey';
import type { TargetSecrets } from './targetSecrets';
import type { WorkspaceConfigs } from '../orchestratorConfig/workspaceConfigs';
import type { OrchestratorTree } from '../tree/orchestratorTree';
import { openConfig } from './openConfig';
import { walkthroughEvent } from '../onboarding/walkthrough';
import { openExample } from '../onboarding/openExample';
import { exportResults } from './exportResults';
import { executionFromArgument } from './commandArguments';
import { exportReport } from './exportReport';
import { openFinding } from './openFinding';

export interface CommandContext {
  extensionUri: vscode.Uri;
  extensionVersion: string;
  client: DaemonClient;
  health: HealthWatcher;
  store: OrchestratorStore;
  secrets: TargetSecrets;
  log: vscode.LogOutputChannel;
  configs: WorkspaceConfigs;
  tree: OrchestratorTree;
}

/**
 * Every command reports its failure to the user instead of leaving a rejected promise in the console, naming the
 * command by the title the person ran it by ("ViolentUTF: Clear Cache failed: …").
 */
function guarded<T>(
  commandId: string,
  log: vscode.LogOutputChannel,
  run: (...args: unknown[]) => Promise<T>,
): (...args: unknown[]) => Promise<T | undefined> {
  return async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error) {
      log.error(commandFailure(commandId, error));
      void showActionableError(commandFailure(commandId, error));
      return undefined;
    }
  };
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const { client, log, store, secrets, extensionUri, configs, tree } = context;
  const showResults = (execution: Execution): ResultsPanel => {
    walkthroughEvent('resultsOpened');
    return ResultsPanel.show(extensionUri, client, execution);
  };
  const deps = {
    client,
    store,
    secrets,
    log,
    showResults,
    revealExecution: (executionId: string) => tree.revealExecution(executionId),
  };
  const compareHost = {
    showResults: (executionId: string) => showResultsCommand(deps, executionId),
    pickAgain: () => vscode.commands.executeCommand('violentutf.compareExecutions'),
  };
  const showComparison = (baseId: string, headId: string): ComparePanel =>
    ComparePanel.show(extensionUri, client, compareHost, baseId, headId);

  const clearCache = async (): Promise<CacheClearResult> => {
    const result = await client.request('cache/clear');
    const summary = describeCacheClear(result);
    log.info(summary);
    void vscode.window.showInformationMessage(summary);
    void context.health.refresh();
    return result;
  };

  const commands: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    'violentutf.launchOrchestrator': async (argument) => {
      const launched = await launchOrchestrator(deps, argument);
      if (launched) walkthroughEvent('launched');
      return launched;
    },
    'violentutf.openExample': () => openExample(),
    'violentutf.newOrchestratorConfig': (name) => newOrchestratorConfig({ client, configs }, name),
    'violentutf.openConfig': (argument) => openConfig(argument),
    'violentutf.copyExecutionId': async (argument) => {
      const execution = executionFromArgument(argument);
      const id = typeof execution === 'string' ? execution : execution?.execution_id;
      if (!id) return undefined;
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(`Copied execution ID ${id}`, 3000);
      return id;
    },
    'violentutf.exportResults': async (argument, format, target) => {
      const given = executionFromArgument(argument);
      if (!given) return undefined;
      const execution =
        typeof given === 'string' ? await client.request('executions/get', { execution_id: given }) : given;
      return exportResults(
        client,
        execution,
        format === 'csv' || format === 'jsonl' ? format : undefined,
        target instanceof vscode.Uri ? target : undefined,
      );
    },
    'violentutf.cancelExecution': (argument) => cancelExecution(deps, argument),
    'violentutf.resumeExecution': (argument) => resumeExecution(deps, argument),
    'violentutf.retryErrors': (argument) => retryErrors(deps, argument),
    'violentutf.showResults': (argument) => showResultsCommand(deps, argument),
    'violentutf.compareExecutions': (base, head) => compareExecutions({ client, showComparison }, base, head),
    'violentutf.deleteOrchestrator': (argument) => deleteOrchestrator(deps, argument),
    'violentutf.clearCache': clearCache,
    'violentutf.showDebugInfo': () => DebugPanel.show(context).refresh(),
    'violentutf.setTargetApiKey': (name) => setTargetApiKey(secrets, name),
    'violentutf.restartDaemon': () =>
      Promise.resolve(
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Restarting the ViolentUTF daemon…' },
          async () => {
            await client.restart();
            return client.state;
          },
        ),
      ),
    'violentutf.showLogs': async () => log.show(true),
    'violentutf.refreshOrchestrators': () => store.refresh(),
    'violentutf.exportPyritMemory': (first, selected) =>
      exportPyritMemory({ client, refresh: () => store.refresh() }, first, selected),
    'violentutf.openPyritMemory': () => openPyritMemory({ client, refresh: () => store.refresh() }),
    'violentutf.exportReport': (argument, format, target) => exportReport(client, argument, format, target),
    'violentutf.openFinding': (argument) => openFinding({ client, showResults }, argument),
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, guarded(id, log, run)));
}
