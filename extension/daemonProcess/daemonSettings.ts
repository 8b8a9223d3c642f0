import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

/** The `violentutf.*` settings the daemon connection depends on. */
export interface DaemonSettings {
  /** Red-team user name the token names; empty = the OS user. */
  username: string;
  /** Where the name came from: the violentutf.username setting, or the OS account (the setting was empty). */
  usernameSource: 'setting' | 'os';
  memoryDir: string;
  poolSize: number | undefined;
  poolTtlMinutes: number | undefined;
}

export function readDaemonSettings(): DaemonSettings {
  const config = vscode.workspace.getConfiguration('violentutf');
  const positive = (value: number | undefined): number | undefined =>
    typeof value === 'number' && value > 0 ? value : undefined;
  const setting = (config.get<string>('username') ?? '').trim();
  return {
    username: setting || os.userInfo().username,
    usernameSource: setting ? 'setting' : 'os',
    memoryDir: expandHome((config.get<string>('memoryDir') ?? '').trim()),
    poolSize: positive(config.get<number>('pool.size')),
    poolTtlMinutes: positive(config.get<number>('pool.ttlMinutes')),
  };
}

function expandHome(value: string): string {
  if (value === '~') return os.homedir();
  if (value.startsWith('~/')) return path.join(os.homedir(), value.slice(2));
  return value;
}

/**
 * The environment of a daemon this window spawns. The daemon is detached and outlives the window, so it must not
 * inherit the window's VS Code plumbing (IPC hooks, NLS config, …); ELECTRON_RUN_AS_NODE makes VS Code's Electron
 * binary behave as plain Node. Settings map onto the daemon's own variable names, which the daemon validates.
 */
export function daemonEnvironment(base: NodeJS.ProcessEnv, settings: DaemonSettings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) continue;
    env[key] = value;
  }
  env.ELECTRON_RUN_AS_NODE = '1';
  if (settings.memoryDir) env.VIOLENTUTF_MEMORY_DIR = settings.memoryDir;
  if (settings.poolSize !== undefined) env.ORCHESTRATOR_POOL_SIZE = String(settings.poolSize);
  if (settings.poolTtlMinutes !== undefined) env.ORCHESTRATOR_TTL_MINUTES = String(settings.poolTtlMinutes);
  return env;
}

/** Settings whose change needs a new daemon (they are read once at its start) versus a new connection. */
export function affectsDaemonProcess(event: vscode.ConfigurationChangeEvent): boolean {
  return ['violentutf.memoryDir', 'violentutf.pool.size', 'violentutf.pool.ttlMinutes'].some((key) =>
    event.affectsConfiguration(key),
  );
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('violentutf.username');
}
