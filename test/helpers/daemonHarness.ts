import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSecret } from '../../client/secret';
import { mintToken } from '../../protocol/token';
import { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { readDiscovery, type Discovery } from '../../client/discovery';
import { isProcessAlive } from '../../client/processAlive';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts an execution over `prompts` and resolves with it once it is no longer running. */
export async function runToEnd(
  connection: DaemonConnection,
  orchestratorId: string,
  prompts: string[],
  secrets?: Record<string, string>,
): Promise<ResultOf<'executions/get'>> {
  const { execution_id: executionId } = await connection.request('executions/start', {
    orchestrator_id: orchestratorId,
    execution_type: 'prompt_list',
    input_data: { prompt_list: prompts },
    ...(secrets ? { secrets } : {}),
  });
  return waitFor(
    'the run to end',
    async () => {
      const execution = await connection.request('executions/get', { execution_id: executionId });
      return execution.status === 'running' ? undefined : execution;
    },
    60_000,
  );
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Polls executions/get until the execution reaches one of `statuses`. */
export async function waitForStatus(
  connection: DaemonConnection,
  executionId: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<ResultOf<'executions/get'>> {
  return waitFor(
    `execution ${executionId} to reach ${statuses.join('/')}`,
    async () => {
      const execution = await connection.request('executions/get', { execution_id: executionId });
      return statuses.includes(execution.status) ? execution : undefined;
    },
    timeoutMs,
  );
}

/** Fresh, private dirs for one test's daemon: nothing touches the real home. */
export function makeTempEnv(extra: Record<string, string> = {}): {
  root: string;
  env: NodeJS.ProcessEnv;
  stateDir: string;
  memoryDir: string;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-test-'));
  const stateDir = path.join(root, 'state');
  const memoryDir = path.join(root, 'memory');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: root,
    XDG_STATE_HOME: path.join(root, 'xdg-state'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    VUTF_STATE_DIR: stateDir,
    VIOLENTUTF_MEMORY_DIR: memoryDir,
    VUTF_IDLE_SHUTDOWN_MINUTES: '0',
    ...extra,
  };
  delete env.PYRIT_DB_SALT;
  return { root, env, stateDir, memoryDir };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: timeoutMs });
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Like runCli, but keeps this process's event loop free: needed when the test itself serves the model the CLI's run calls. */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The real daemon process (`vutf daemon run`) in temp dirs. */
export class DaemonHarness {
  private exited: Promise<number | null>;
  readonly output: string[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly root: string,
    readonly env: NodeJS.ProcessEnv,
    readonly stateDir: string,
    readonly memoryDir: string,
    public discovery: Discovery,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
  }

  static async start(
    options: {
      env?: Record<string, string>;
      reuse?: { root: string; env: NodeJS.ProcessEnv; stateDir: string; memoryDir: string };
      /** Node options before the script (the engine bench's --cpu-prof, which NODE_OPTIONS cannot carry). */
      nodeArgs?: readonly string[];
    } = {},
  ): Promise<DaemonHarness> {
    const temp = options.reuse ?? makeTempEnv(options.env);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'daemon', 'run'], {
      env: temp.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const discovery = await waitFor('the daemon discovery file', () => {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${output.join('')}`);
      const found = readDiscovery(temp.stateDir);
      return found && found.pid === child.pid ? found : undefined;
    });
    const harness = new DaemonHarness(child, temp.root, temp.env, temp.stateDir, temp.memoryDir, discovery);
    harness.output.push(...output);
    child.stdout?.on('data', (chunk: Buffer) => harness.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => harness.output.push(chunk.toString()));
    return harness;
  }

  get port(): number {
    return this.discovery.port;
  }

  get pid(): number {
    return this.discovery.pid;
  }

  token(username: string, ttlSeconds = 600): string {
    return mintToken(readSecret(this.stateDir), username, ttlSeconds);
  }

  connect(username = 'alice'): Promise<DaemonConnection> {
    return DaemonConnection.connect({
      port: this.port,
      token: this.token(username),
      client: { name: 'test', version: '0' },
      validateResults: true,
    });
  }

  cli(args: string[]): SpawnSyncReturns<string> {
    return runCli(args, this.env);
  }

  cliAsync(args: string[]): Promise<CliResult> {
    return runCliAsync(args, this.env);
  }

  get alive(): boolean {
    return this.child.exitCode === null && isProcessAlive(this.pid);
  }

  waitForExit(timeoutMs = 15_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('daemon did not exit in time')), timeoutMs);
    });
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  kill9(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.waitForExit();
  }

  /** Graceful stop and clean-up; safe to call twice. */
  async stop(options: { keepFiles?: boolean } = {}): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await this.waitForExit().catch(() => this.child.kill('SIGKILL'));
    }
    if (!options.keepFiles) fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Every stored result's request text of an execution, page by page by next_cursor, sorted. */
export async function storedPrompts(connection: DaemonConnection, executionId: string): Promise<string[]> {
  const prompts: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await connection.request('results/list', {
      execution_id: executionId,
      limit: 500,
      ...(cursor === undefined ? {} : { cursor }),
    });
    prompts.push(...page.items.map((item) => item.request?.original_value ?? ''));
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return prompts.sort();
}
