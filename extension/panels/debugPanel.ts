import * as vscode from 'vscode';
import type { DaemonClient, DaemonState } from '../daemonClient';
import type { HealthWatcher } from '../status/healthWatcher';
import {
  isDebugPanelFromWebview,
  type CacheClearResult,
  type ConnectionSummary,
  type DebugPanelFromWebview,
  type DebugPanelState,
  type DebugPanelToWebview,
} from '../../webview/shared/debugPanelMessages';
import { WebviewPanelHost } from './webviewPanelHost';
import { describeCacheClear } from '../commands/cacheSummary';
import { commandFailure } from '../commands/commandTitles';
import { readDaemonSettings } from '../daemonProcess/daemonSettings';

/** The static markup of the panel (exported for the webview tests, which render it as VS Code would). */
export const BODY = `
<header class="toolbar">
  <h1>ViolentUTF debug info</h1>
  <span id="connection" class="badge">…</span>
  <span class="spacer"></span>
  <button id="refresh" type="button">Refresh</button>
  <button id="clear-cache" type="button" class="secondary">Clear cache</button>
</header>
<main>
<div id="error" class="error" role="alert" hidden></div>
<div id="cache-result" class="notice" role="status" hidden></div>
<div id="sections"><p class="muted">Loading…</p></div>
</main>
<footer id="footer" class="muted"></footer>`;

/** "token of this window, from the setting violentutf.username ("Red Teamer")" */
function usernameSourceText(): string {
  const { username, usernameSource } = readDaemonSettings();
  const from =
    usernameSource === 'setting'
      ? `the setting violentutf.username (${JSON.stringify(username)})`
      : `the OS user (${JSON.stringify(username)}; violentutf.username is empty)`;
  return `connection token of this window, named from ${from}`;
}

function connectionSummary(
  state: DaemonState,
  extensionVersion: string,
  stateDir: string,
): Omit<ConnectionSummary, 'usernameSource'> {
  switch (state.kind) {
    case 'connected':
      return {
        state: 'connected',
        detail: `daemon ${state.info.daemon.version}, pid ${state.info.daemon.pid}`,
        spawnedByThisWindow: state.spawnedByThisWindow,
        extensionVersion,
        stateDir,
      };
    case 'reconnecting':
    case 'down':
      return { state: state.kind, detail: state.reason, spawnedByThisWindow: false, extensionVersion, stateDir };
    default:
      return { state: 'starting', detail: 'starting', spawnedByThisWindow: false, extensionVersion, stateDir };
  }
}

/**
 * The seed's debug sidebar as a webview: who the daemon thinks you are, where your DB is, pool and connection
 * figures, Clear cache and Refresh. The webview only posts intents; this host does every daemon call.
 */
export class DebugPanel implements vscode.Disposable {
  private static current: DebugPanel | undefined;
  private readonly host: WebviewPanelHost<DebugPanelToWebview, DebugPanelFromWebview>;
  private lastState: DebugPanelState | undefined;
  private lastCacheClear: CacheClearResult | null = null;

  static show(context: {
    extensionUri: vscode.Uri;
    client: DaemonClient;
    health: HealthWatcher;
    extensionVersion: string;
  }): DebugPanel {
    if (DebugPanel.current) {
      DebugPanel.current.host.panel.reveal();
      void DebugPanel.current.refresh();
      return DebugPanel.current;
    }
    DebugPanel.current = new DebugPanel(context.extensionUri, context.client, context.health, context.extensionVersion);
    return DebugPanel.current;
  }

  /** The open panel, if any (tests read what it shows). */
  static get instance(): DebugPanel | undefined {
    return DebugPanel.current;
  }

  private constructor(
    extensionUri: vscode.Uri,
    private readonly client: DaemonClient,
    private readonly health: HealthWatcher,
    private readonly extensionVersion: string,
  ) {
    this.host = new WebviewPanelHost({
      viewType: 'violentutf.debugInfo',
      title: 'ViolentUTF Debug Info',
      script: 'debugPanel.js',
      body: BODY,
      extensionUri,
      accepts: isDebugPanelFromWebview,
      onMessage: (message) => this.onMessage(message),
      onDispose: () => {
        if (DebugPanel.current === this) DebugPanel.current = undefined;
      },
    });
    this.host.track(
      client.onDidChangeState(() => void this.refresh()),
      health.onDidChange(() => this.pushHealth()),
    );
  }

  /** What the panel shows now. */
  get state(): DebugPanelState | undefined {
    return this.lastState;
  }

  async refresh(): Promise<DebugPanelState> {
    this.host.post({ type: 'busy', action: 'refresh' });
    let info: DebugPanelState['info'] = null;
    let error: string | null = null;
    if (this.client.state.kind === 'connected') {
      try {
        info = await this.client.request('debug/info');
        await this.health.refresh();
      } catch (failure) {
        error = (failure as Error).message;
      }
    } else {
      error = this.client.state.kind === 'down' ? `The daemon is not running: ${this.client.state.reason}` : null;
    }
    const state: DebugPanelState = {
      connection: {
        ...connectionSummary(this.client.state, this.extensionVersion, this.client.stateDir),
        usernameSource: usernameSourceText(),
      },
      info,
      health: this.health.health ?? null,
      lastCacheClear: this.lastCacheClear,
      error,
      refreshedAt: new Date().toISOString(),
    };
    this.lastState = state;
    this.host.post({ type: 'state', state });
    return state;
  }

  async clearCache(): Promise<CacheClearResult | undefined> {
    this.host.post({ type: 'busy', action: 'clearCache' });
    try {
      this.lastCacheClear = await this.client.request('cache/clear');
      void vscode.window.showInformationMessage(describeCacheClear(this.lastCacheClear));
    } catch (failure) {
      void vscode.window.showErrorMessage(commandFailure('violentutf.clearCache', failure));
    }
    await this.refresh();
    return this.lastCacheClear ?? undefined;
  }

  private pushHealth(): void {
    if (!this.lastState) return;
    this.lastState = { ...this.lastState, health: this.health.health ?? null };
    this.host.post({ type: 'state', state: this.lastState });
  }

  private async onMessage(message: DebugPanelFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await this.refresh();
        return;
      case 'clearCache':
        await this.clearCache();
        return;
      case 'copyPath': {
        const dbPath = this.lastState?.info?.db_path;
        if (!dbPath) return;
        await vscode.env.clipboard.writeText(dbPath);
        void vscode.window.showInformationMessage(`Copied ${dbPath}`);
        return;
      }
      case 'revealPath':
        await this.reveal();
        return;
    }
  }

  /** Reveal in the OS file manager exists only where VS Code runs on the desktop; in a browser, copy instead. */
  private async reveal(): Promise<void> {
    const info = this.lastState?.info;
    if (!info) return;
    const target = vscode.Uri.file(info.exists ? info.db_path : info.memory_dir);
    if (vscode.env.uiKind === vscode.UIKind.Desktop) {
      try {
        await vscode.commands.executeCommand('revealFileInOS', target);
        return;
      } catch {
        // fall through to copying
      }
    }
    await vscode.env.clipboard.writeText(target.fsPath);
    void vscode.window.showInformationMessage(
      `This window cannot open a file manager; copied ${target.fsPath} instead.`,
    );
  }

  dispose(): void {
    this.host.dispose();
  }
}
