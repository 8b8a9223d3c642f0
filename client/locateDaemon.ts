import os from 'node:os';
import { readSecret } from './secret';
import { mintToken } from '../protocol/token';
import { readDiscovery, type Discovery } from './discovery';
import { isProcessAlive } from './processAlive';
import { DaemonConnection } from './daemonConnection';
import { DAEMON_VERSION } from '../protocol/version';

export class DaemonNotRunning extends Error {
  constructor(stateDir: string) {
    super(`No daemon is running for this OS user (state dir ${stateDir}). Start one with \`vutf daemon start\`.`);
  }
}

export interface LocateOptions {
  stateDir: string;
  /** The red-team user the token names; defaults to the OS user. */
  username?: string;
  client?: { name: string; version: string };
  timeoutMs?: number;
  validateResults?: boolean;
}

export function defaultUsername(): string {
  return os.userInfo().username;
}

/** Discovery file → live pid → token from the 0600 secret → connected, initialized client. */
export async function connectToDaemon(options: LocateOptions): Promise<DaemonConnection> {
  const discovery = readDiscovery(options.stateDir);
  if (!discovery || !isProcessAlive(discovery.pid)) throw new DaemonNotRunning(options.stateDir);
  const token = mintToken(readSecret(options.stateDir), options.username ?? defaultUsername(), 10 * 60);
  return DaemonConnection.connect({
    port: discovery.port,
    token,
    client: options.client ?? { name: 'vutf-node-client', version: DAEMON_VERSION },
    timeoutMs: options.timeoutMs,
    validateResults: options.validateResults,
  });
}

/**
 * A discovery file proves nothing by itself (the pid may be reused, the daemon hung): only a completed
 * handshake does. Returns the discovery of a daemon that answered, else undefined.
 */
export async function probeDaemon(stateDir: string, timeoutMs = 3000): Promise<Discovery | undefined> {
  const discovery = readDiscovery(stateDir);
  if (!discovery || !isProcessAlive(discovery.pid)) return undefined;
  try {
    const connection = await connectToDaemon({
      stateDir,
      timeoutMs,
      client: { name: 'vutf-probe', version: DAEMON_VERSION },
    });
    connection.close();
    return connection.info.daemon.pid === discovery.pid ? discovery : undefined;
  } catch {
    return undefined;
  }
}
