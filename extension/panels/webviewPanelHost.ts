import * as vscode from 'vscode';
import { webviewHtml, webviewOptions, type WebviewPage } from './webviewHtml';

export interface PanelSpec<FromWebview> extends WebviewPage {
  viewType: string;
  extensionUri: vscode.Uri;
  /** The webview's messages are untrusted input: only what passes this guard reaches the handler. */
  accepts(message: unknown): message is FromWebview;
  onMessage(message: FromWebview): Promise<void> | void;
  /** Runs once, when the user closes the panel or the owner disposes it. */
  onDispose(): void;
}

/**
 * What every panel of the extension does the same way: a locked-down webview (see webviewHtml), messages checked
 * before they are handled, nothing posted after close, refreshes coalesced, and every subscription dropped with it.
 */
export class WebviewPanelHost<ToWebview, FromWebview> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly spec: PanelSpec<FromWebview>) {
    this.panel = vscode.window.createWebviewPanel(
      spec.viewType,
      spec.title,
      vscode.ViewColumn.Active,
      webviewOptions(spec.extensionUri),
    );
    this.panel.iconPath = vscode.Uri.joinPath(spec.extensionUri, 'media', 'icon.svg');
    this.panel.webview.html = webviewHtml(this.panel.webview, spec.extensionUri, spec);
    this.subscriptions.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (spec.accepts(message)) void spec.onMessage(message);
      }),
    );
  }

  /** Subscriptions that live as long as the panel. */
  track(...disposables: vscode.Disposable[]): void {
    this.subscriptions.push(...disposables);
  }

  post(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  /** Progress arrives several times a second; a panel need not redraw that often. */
  refreshSoon(refresh: () => Promise<void>, delayMs = 1000): void {
    if (this.refreshTimer || this.disposed) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void refresh();
    }, delayMs);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.spec.onDispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel.dispose();
  }
}
