import * as vscode from 'vscode';
import type { ResultOf } from '../../protocol/methods';
import type { DaemonClient } from '../daemonClient';

export type HealthReport = ResultOf<'health/get'>;

/** A fallback only: health is pushed (`health/changed`), this catches figures that drift without a status change. */
const FALLBACK_REFRESH_MS = 60_000;
/** Pool and DB figures move in bursts while executions run; one fetch per burst is enough. */
const DEBOUNCE_MS = 500;

/**
 * The latest `health/get` for this window. Refreshed when the daemon pushes `health/changed`, on (re)connect,
 * when executions change (their pool leases and DB writes move the figures), on demand, and on a slow timer that
 * runs only while the window has focus.
 */
export class HealthWatcher implements vscode.Disposable {
  private latest: HealthReport | undefined;
  private lastError: string | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private debounceTimer: NodeJS.Timeout | undefined;
  private fallbackTimer: NodeJS.Timeout | undefined;

  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: DaemonClient) {
    this.subscriptions.push(
      client.onNotification('health/changed', (params) => {
        this.latest = params.health;
        this.lastError = undefined;
        this.emitter.fire();
      }),
      client.onNotification('executions/changed', () => this.refreshSoon()),
      client.onDidResync(() => this.refreshSoon()),
      client.onDidChangeState((state) => {
        if (state.kind !== 'connected') {
          this.latest = undefined;
          this.emitter.fire();
        }
      }),
      vscode.window.onDidChangeWindowState((window) => this.scheduleFallback(window.focused)),
    );
    this.scheduleFallback(vscode.window.state.focused);
  }

  get health(): HealthReport | undefined {
    return this.latest;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  refreshSoon(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  async refresh(): Promise<HealthReport | undefined> {
    if (this.client.state.kind !== 'connected') return undefined;
    try {
      this.latest = await this.client.request('health/get');
      this.lastError = undefined;
    } catch (error) {
      this.lastError = (error as Error).message;
    }
    this.emitter.fire();
    return this.latest;
  }

  private scheduleFallback(focused: boolean): void {
    if (this.fallbackTimer) clearInterval(this.fallbackTimer);
    this.fallbackTimer = undefined;
    if (!focused) return;
    this.fallbackTimer = setInterval(() => void this.refresh(), FALLBACK_REFRESH_MS);
  }

  dispose(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.fallbackTimer) clearInterval(this.fallbackTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.emitter.dispose();
  }
}
