// The debug panel's message protocol, both directions. Imported by the extension (host) and the webview script;
// types only, so nothing of the daemon is bundled into the webview.
import type { ResultOf } from '../../protocol/methods';

export type DebugInfo = ResultOf<'debug/info'>;
export type HealthReport = ResultOf<'health/get'>;
export type CacheClearResult = ResultOf<'cache/clear'>;

export interface ConnectionSummary {
  state: 'starting' | 'connected' | 'reconnecting' | 'down';
  detail: string;
  spawnedByThisWindow: boolean;
  extensionVersion: string;
  stateDir: string;
  /** How the daemon learned who you are: the name in this window's connection token, and where that name came from. */
  usernameSource: string;
}

export interface DebugPanelState {
  connection: ConnectionSummary;
  info: DebugInfo | null;
  health: HealthReport | null;
  lastCacheClear: CacheClearResult | null;
  /** The last request that failed, in words a person can act on. */
  error: string | null;
  refreshedAt: string;
}

export type DebugPanelToWebview =
  { type: 'state'; state: DebugPanelState } | { type: 'busy'; action: 'refresh' | 'clearCache' };

export type DebugPanelFromWebview =
  { type: 'ready' } | { type: 'refresh' } | { type: 'clearCache' } | { type: 'copyPath' } | { type: 'revealPath' };

const FROM_WEBVIEW_TYPES: ReadonlySet<string> = new Set(['ready', 'refresh', 'clearCache', 'copyPath', 'revealPath']);

/** Webview content is untrusted input to the host: check the shape before acting on it. */
export function isDebugPanelFromWebview(value: unknown): value is DebugPanelFromWebview {
  return (
    typeof value === 'object' && value !== null && FROM_WEBVIEW_TYPES.has(String((value as { type?: unknown }).type))
  );
}
