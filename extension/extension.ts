import * as vscode from 'vscode';
import path from 'node:path';
import { stateDirFrom } from '../client/stateDir';
import { DaemonClient, type DaemonInfo } from './daemonClient';
import { affectsConnection, affectsDaemonProcess, readDaemonSettings } from './daemonProcess/daemonSettings';
import { HealthWatcher } from './status/healthWatcher';
import { HealthStatusBar } from './status/healthStatusBar';
import { OrchestratorStore } from './tree/orchestratorStore';
import { OrchestratorTree } from './tree/orchestratorTree';
import { registerCommands } from './commands/registerCommands';
import { TargetSecrets } from './commands/targetSecrets';
import { registerLaunchCodeLens } from './editor/launchCodeLens';
import { DebugPanel } from './panels/debugPanel';
import { ResultsPanel } from './panels/resultsPanel';
import { RedTeamTests } from './testing/redTeamTests';
import { WorkspaceConfigs } from './orchestratorConfig/workspaceConfigs';
import { ConfigDiagnostics } from './orchestratorConfig/configDiagnostics';
import { openProgressNotifications } from './commands/executionProgress';
import type { DebugPanelState } from '../webview/shared/debugPanelMessages';
import { openWalkthroughOnce, walkthroughEventsReached, type WalkthroughEvent } from './onboarding/walkthrough';

/** What activate() returns: the editor tests read the extension's state through it. */
export interface ViolentUtfApi {
  client: DaemonClient;
  store: OrchestratorStore;
  tree: OrchestratorTree;
  statusBar: HealthStatusBar;
  health: HealthWatcher;
  configs: WorkspaceConfigs;
  diagnostics: ConfigDiagnostics;
  /** Executions whose progress notification is showing. */
  openProgress(): string[];
  /** The Testing view's "Red-team objectives" controller and its run profile. */
  testing: RedTeamTests;
  debugPanelState(): DebugPanelState | undefined;
  /** The open results panel of an execution, if any. */
  resultsPanel(executionId: string): ResultsPanel | undefined;
  whenConnected(timeoutMs: number): Promise<DaemonInfo>;
  /** Whether this activation opened the walkthrough (first activation in a workspace with configs only). */
  walkthroughOpened: Promise<boolean>;
  /** The walkthrough's step events reached in this window (a run launched, results opened). */
  walkthroughEvents(): WalkthroughEvent[];
}

function whenConnected(client: DaemonClient, timeoutMs: number): Promise<DaemonInfo> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const state = client.state;
      if (state.kind === 'connected') resolve(state.info);
      else if (state.kind === 'down') reject(new Error(`daemon down: ${state.reason}`));
      else return false;
      return true;
    };
    if (check()) return;
    const subscription = client.onDidChangeState(() => {
      if (check()) {
        subscription.dispose();
        clearTimeout(timer);
      }
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no daemon connection within ${timeoutMs} ms (state ${client.state.kind})`));
    }, timeoutMs);
  });
}

/** Only wiring: each part owns its own job (STYLE.md: "the extension file only wires"). */
export function activate(context: vscode.ExtensionContext): ViolentUtfApi {
  const extensionVersion = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const log = vscode.window.createOutputChannel('ViolentUTF', { log: true });
  let stateDir: string;
  try {
    stateDir = stateDirFrom(process.env);
  } catch (error) {
    // A relative VUTF_STATE_DIR is refused by the daemon too; use the default rather than fail to activate.
    log.error(`${(error as Error).message} Using the default state dir.`);
    stateDir = stateDirFrom({ ...process.env, VUTF_STATE_DIR: undefined });
  }
  const client = new DaemonClient({
    stateDir,
    daemonScript: path.join(context.extensionPath, 'dist', 'daemon.js'),
    clientVersion: extensionVersion,
    log,
    readSettings: readDaemonSettings,
  });
  const health = new HealthWatcher(client);
  const store = new OrchestratorStore(client);
  const configs = new WorkspaceConfigs();
  const tree = new OrchestratorTree(store, client, configs);
  const diagnostics = new ConfigDiagnostics();
  const statusBar = new HealthStatusBar(client, health, store);
  const secrets = new TargetSecrets(context.secrets, context.globalState);
  const testing = new RedTeamTests({ client, store, secrets, log });

  context.subscriptions.push(
    log,
    client,
    health,
    store,
    configs,
    tree,
    diagnostics,
    statusBar,
    testing,
    ...registerCommands({
      extensionUri: context.extensionUri,
      extensionVersion,
      client,
      health,
      store,
      secrets,
      log,
      configs,
      tree,
    }),
    registerLaunchCodeLens(),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (affectsConnection(event)) client.reconnect();
      if (affectsDaemonProcess(event)) {
        const choice = await vscode.window.showInformationMessage(
          'The daemon reads this setting when it starts. Restart it now?',
          'Restart Daemon',
        );
        if (choice) await vscode.commands.executeCommand('violentutf.restartDaemon');
      }
    }),
  );
  log.info(`ViolentUTF ${extensionVersion} activating (state dir ${client.stateDir})`);
  client.start();
  const walkthroughOpened = openWalkthroughOnce(context.globalState, context.extension.id, log);

  return {
    client,
    store,
    tree,
    configs,
    diagnostics,
    statusBar,
    health,
    testing,
    openProgress: openProgressNotifications,
    debugPanelState: () => DebugPanel.instance?.state,
    resultsPanel: (executionId: string) => ResultsPanel.forExecution(executionId),
    whenConnected: (timeoutMs) => whenConnected(client, timeoutMs),
    walkthroughOpened,
    walkthroughEvents: walkthroughEventsReached,
  };
}

/** The daemon is left running on purpose: other windows and the CLI may use it; it stops itself when idle. */
export function deactivate(): void {}
