import * as vscode from 'vscode';
import { showActionableError } from './actionableError';
import { commandTitle } from './commandTitles';
import type { DaemonClient } from '../daemonClient';
import type { OrchestratorStore, Execution } from '../tree/orchestratorStore';
import {
  configNameOf,
  isOrchestratorFile,
  ORCHESTRATOR_FILE_GLOB,
  readConfigFile,
  secretNames,
  type OrchestratorFile,
} from '../orchestratorConfig/orchestratorFile';
import type { TargetSecrets } from './targetSecrets';
import { orchestratorFromArgument, uriFromArgument } from './commandArguments';
import { announceEnd, trackExecution } from './executionProgress';
import { endActions } from './executionCommands';
import { unitOf } from '../tree/executionText';
import { configErrorLocation, revealConfigError } from './invalidConfig';
import { executionInput, startExecution } from '../../client/startExecution';
import { withAskedEnvAllowances } from './envAllowance';
import { configFileKey, saveOrchestratorOfFile } from '../../client/saveOrchestrator';

export interface LaunchDependencies {
  client: DaemonClient;
  store: OrchestratorStore;
  secrets: TargetSecrets;
  log: vscode.LogOutputChannel;
  showResults: (execution: Execution) => unknown;
  /** Shows the new run in the Orchestrators view. */
  revealExecution?: (executionId: string) => Promise<boolean>;
}

export interface Launched {
  orchestrator_id: string;
  execution_id: string;
  /** Settles when the run ends (tests await it; the command itself does not). */
  finished: Promise<Execution | undefined>;
}

const EXCLUDE = '**/{node_modules,.git,.editor-lab,dist}/**';

async function workspaceConfigFiles(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles(ORCHESTRATOR_FILE_GLOB, EXCLUDE, 500);
  return files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

async function pickConfigFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isOrchestratorFile(active.path)) return active;
  const files = await workspaceConfigFiles();
  if (files.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      'There is no *.orchestrator.json (or .yaml) in this workspace yet.',
      'New Orchestrator Config',
    );
    if (choice) await vscode.commands.executeCommand('violentutf.newOrchestratorConfig');
    return undefined;
  }
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Launch which orchestrator?', placeHolder: 'An orchestrator config of this workspace' },
  );
  return picked?.uri;
}

/**
 * Launching from a tree node needs the file that holds its input: the file it is keyed by, or (saved before files
 * were keys) the workspace file with the same name.
 */
async function configFileOf(orchestrator: {
  name: string;
  config_file?: string | null;
}): Promise<vscode.Uri | undefined> {
  if (orchestrator.config_file) {
    const uri = vscode.Uri.file(orchestrator.config_file);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      return undefined;
    }
  }
  const name = orchestrator.name;
  for (const uri of await workspaceConfigFiles()) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    if (configNameOf(text, uri.fsPath) === name) return uri;
  }
  return undefined;
}

async function resolveConfigUri(argument: unknown): Promise<vscode.Uri | undefined> {
  const uri = uriFromArgument(argument);
  if (uri) return uri;
  const orchestrator = orchestratorFromArgument(argument);
  if (orchestrator) {
    const found = await configFileOf(orchestrator);
    if (!found) {
      void vscode.window.showWarningMessage(
        `No orchestrator config in this workspace is named "${orchestrator.name}", so its prompts are unknown. Open its config file and launch from there.`,
      );
    }
    return found;
  }
  return pickConfigFile();
}

async function reportConfigError(
  document: vscode.TextDocument,
  error: unknown,
  what: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const message = (error as Error).message;
  log.error(`${what}: ${message}`);
  const location = configErrorLocation(error);
  // The Problems panel holds the same issues (configDiagnostics); the toast leads there.
  void showActionableError(`${what}: ${message}`, ...(location ? ['Show Problems'] : [])).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  if (location) await revealConfigError(document, location);
}

/**
 * ViolentUTF: Launch Orchestrator — file → create or update the file's orchestrator (keyed by its real path) → executions/start → progress with Cancel.
 * Returns as soon as the daemon accepted the run.
 */
export async function launchOrchestrator(deps: LaunchDependencies, argument?: unknown): Promise<Launched | undefined> {
  const { client, log } = deps;
  const uri = await resolveConfigUri(argument);
  if (!uri) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  // The reader works on the file, as `vutf launch` does: launch what is saved, like Run does.
  if (document.isDirty) await document.save();
  let file: OrchestratorFile;
  try {
    file = await readConfigFile(uri.fsPath);
  } catch (error) {
    await reportConfigError(document, error, `${vscode.workspace.asRelativePath(uri)} cannot be launched`, log);
    return undefined;
  }
  const secrets = await deps.secrets.collect(secretNames(file.parameters));
  if (!secrets) return undefined;

  let orchestratorId: string;
  try {
    orchestratorId = (await saveOrchestratorOfFile(client, file, await configFileKey(uri.fsPath), log)).id;
  } catch (error) {
    await reportConfigError(document, error, `Launch of "${file.name}" failed`, log);
    return undefined;
  }
  deps.store.invalidate();

  const input = executionInput(file);
  let executionId: string;
  try {
    executionId = await withAskedEnvAllowances(client, log, () =>
      startExecution(client, orchestratorId, input, secrets),
    );
  } catch (error) {
    log.error(`executions/start for "${file.name}" failed: ${(error as Error).message}`);
    void showActionableError(
      `${commandTitle('violentutf.launchOrchestrator')} failed for "${file.name}": ${(error as Error).message}`,
    );
    return undefined;
  }
  log.info(`launched "${file.name}": execution ${executionId} (${input.execution_type})`);
  deps.revealExecution?.(executionId).then(
    (shown) => shown || log.info(`execution ${executionId} is not in the Orchestrators view yet`),
    (error: Error) => log.warn(`revealing execution ${executionId} failed: ${error.message}`),
  );
  const finished = trackExecution(client, executionId, `ViolentUTF: ${file.name}`, log).then((execution) => {
    if (execution) announceEnd(execution, endActions(deps), unitOf(file.orchestrator_type));
    return execution;
  });
  return { orchestrator_id: orchestratorId, execution_id: executionId, finished };
}
