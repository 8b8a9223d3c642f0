import type { NotificationMethod, NotificationParamsOf, ParamsOf, RequestMethod, ResultOf } from '../protocol/methods';

/** Methods without parameters may be called without any: no params means no "params" member on the wire. */
export type RequestArgs<M extends RequestMethod> =
  undefined extends ParamsOf<M> ? [params?: ParamsOf<M>] : [params: ParamsOf<M>];

/** vscode-jsonrpc's and VS Code's Disposables both fit. */
export interface Subscription {
  dispose(): void;
}

/**
 * The least the execution follower needs of a way to the daemon. The CLI's DaemonConnection (one socket for one
 * command) and the extension's DaemonClient (which reconnects on its own) both are one.
 */
export interface DaemonLink {
  request<M extends RequestMethod>(method: M, ...args: RequestArgs<M>): Promise<ResultOf<M>>;
  onNotification<N extends NotificationMethod>(
    method: N,
    handler: (params: NotificationParamsOf<N>) => void,
  ): Subscription;
  /**
   * Fires when notifications may have been missed (after a reconnect). A link that never reconnects has none, and
   * is polled instead.
   */
  readonly onDidResync?: (listener: () => void) => Subscription;
}
