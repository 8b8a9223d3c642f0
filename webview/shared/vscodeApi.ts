// Webview scripts run in the browser; this reference gives them DOM types without adding DOM to the daemon's lib.

/** The object VS Code injects into webviews; `acquireVsCodeApi` may be called once per page. */
export interface VsCodeApi<Outgoing> {
  postMessage(message: Outgoing): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown>;

export function vscodeApi<Outgoing>(): VsCodeApi<Outgoing> {
  return acquireVsCodeApi() as VsCodeApi<Outgoing>;
}
