import type { DaemonConnection } from '../../client/daemonConnection';

/** How a command reaches the daemon: a connection as the given user, open for the length of `use`. */
export type WithDaemon = <T>(
  username: string | undefined,
  use: (connection: DaemonConnection) => Promise<T>,
) => Promise<T>;
