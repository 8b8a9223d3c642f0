import * as vscode from 'vscode';
import { connectToDaemon, DaemonNotRunning } from '../client/locateDaemon';
import { spawnDaemon } from '../client/spawnDaemon';
import { DaemonError, DaemonRefused, type DaemonConnection } from '../client/daemonConnection';
import { readDiscovery } from '../client/discovery';
import { isProcessAlive } from '../client/processAlive';
import { readSecret } from '../client/secret';
import { ErrorCode } from '../protocol/errors';
import { mintToken } from '../protocol/token';
import { PROTOCOL_MAJOR, PROTOCOL_VERSION } from '../protocol/version';
import {
  notifications,
  type NotificationMethod,
  type NotificationParamsOf,
  type ParamsOf,
  type RequestMethod,
  type ResultOf,
} from '../protocol/methods';
import { Backoff } from './daemonProcess/backoff';
import { RespawnBudget } from './daemonProcess/respawnBudget';
import { daemonEnvironment, type DaemonSettings } from './daemonProcess/daemonSettings';
import { OlderDaemonLink, refusedMajor } from './daemonProcess/olderDaemonLink';
import {
  OLDER_DAEMON_POLL_MS,
  REPLACE_NOW,
  replaceOlderDaemon,
  WAIT_FOR_RUNS,
} from './daemonProcess/replaceOlderDaemon';
import { setTimeout as delay } from 'node:timers/promises';

export type DaemonInfo = ResultOf<'initialize'>;

/** What the status bar, the tree's welcome view and the debug panel show about the connection. */
export type DaemonState =
  | { kind: 'starting' }
  | { kind: 'connected'; info: DaemonInfo; spawnedByThisWindow: boolean }
  | { kind: 'reconnecting'; reason: string; retryInMs: number }
  | { kind: 'down'; reason: string };

export interface DaemonClientOptions {
  stateDir: string;
  /** The bundled daemon (dist/daemon.js inside the extension). */
  daemonScript: string;
  clientVersion: string;
  log: vscode.LogOutputChannel;
  readSettings: () => DaemonSettings;
}

/** Thrown by `request` when no daemon could be reached in time; the message says what to do. */
export class DaemonUnavailable extends Error {}

class RespawnBudgetExhausted extends Error {}

/** A daemon of a newer protocol major serves this user: starting ours changes nothing, updating the extension does. */
class NewerDaemon extends Error {
  constructor(major: number) {
    super(
      `the running daemon speaks protocol ${major}, newer than this extension's ${PROTOCOL_VERSION}: update the extension, or stop that daemon (vutf daemon stop)`,
    );
  }
}

/** Why a connection attempt was made; only respawns after a lost connection count against the budget. */
type ConnectTrigger = 'start' | 'lost' | 'restart' | 'settings';

const CONNECT_TIMEOUT_MS = 5_000;
const SPAWN_TIMEOUT_MS = 30_000;
const REQUEST_WAIT_MS = 20_000;
const MAX_FAILED_ATTEMPTS = 8;

type AnyHandler = (params: unknown) => void;

export function isMethodNotFound(error: unknown): boolean {
  return error instanceof DaemonError && error.code === ErrorCode.MethodNotFound;
}

/**
 * Owns this window's link to the per-user daemon: attach to a running one through the discovery file, else spawn
 * the bundled one detached (it outlives the window and serves other windows and the CLI), reconnect with backoff
 * when the link drops, and give up after 5 automatic respawns in 3 minutes so a daemon that crashes at start
 * does not flap forever. A daemon of an older protocol major is replaced by the bundled one (asking first when it
 * has runs going). Notification handlers survive reconnects; `onDidResync` tells views to re-fetch after a
 * reconnect or a gap in the notification `seq`.
 */
export class DaemonClient implements vscode.Disposable {
  private connection: DaemonConnection | undefined;
  private connectionSubscriptions: { dispose(): void }[] = [];
  private currentState: DaemonState = { kind: 'starting' };
  private readonly stateEmitter = new vscode.EventEmitter<DaemonState>();
  private readonly resyncEmitter = new vscode.EventEmitter<void>();
  private readonly handlers = new Map<NotificationMethod, Set<AnyHandler>>();
  private readonly budget = new RespawnBudget();
  private readonly backoff = new Backoff();
  private connecting: Promise<void> | undefined;
  private lastSeq: number | undefined;
  private disposed = false;
  private spawnedByThisWindow = false;

  readonly onDidChangeState = this.stateEmitter.event;
  /** Fired after every (re)connect and whenever a notification was missed: re-fetch what you show. */
  readonly onDidResync = this.resyncEmitter.event;

  constructor(private readonly options: DaemonClientOptions) {}

  get state(): DaemonState {
    return this.currentState;
  }

  get stateDir(): string {
    return this.options.stateDir;
  }

  /** Connects in the background; activation never waits for the daemon. */
  start(): void {
    void this.connect('start');
  }

  async request<M extends RequestMethod>(
    method: M,
    ...args: undefined extends ParamsOf<M> ? [params?: ParamsOf<M>] : [params: ParamsOf<M>]
  ): Promise<ResultOf<M>> {
    const connection = await this.waitForConnection();
    return connection.request(method, ...args);
  }

  onNotification<N extends NotificationMethod>(
    method: N,
    handler: (params: NotificationParamsOf<N>) => void,
  ): vscode.Disposable {
    let set = this.handlers.get(method);
    if (!set) this.handlers.set(method, (set = new Set()));
    const erased = handler as AnyHandler;
    set.add(erased);
    return new vscode.Disposable(() => set.delete(erased));
  }

  /** The user's Restart Daemon: stop whatever serves this user, start a fresh one. Never counted as a respawn. */
  async restart(): Promise<void> {
    this.budget.reset();
    const log = this.options.log;
    const discovery = readDiscovery(this.options.stateDir);
    // Detach first so the coming close is not taken for a crash, but keep the socket to ask for the shutdown.
    const connection = this.detachConnection();
    this.setState({ kind: 'starting' });
    if (connection?.isOpen) {
      log.info('restart: asking the daemon to shut down');
      try {
        await connection.request('daemon/shutdown');
      } catch (error) {
        log.warn(`restart: daemon/shutdown failed (${(error as Error).message}); sending SIGTERM`);
        if (discovery) this.signal(discovery.pid, 'SIGTERM');
      }
      connection.close();
    } else if (discovery && isProcessAlive(discovery.pid)) {
      // A daemon we cannot talk to (hung, or another protocol major) is stopped by its pid from the discovery file.
      log.info(`restart: sending SIGTERM to daemon pid ${discovery.pid}`);
      this.signal(discovery.pid, 'SIGTERM');
    }
    if (discovery) await this.waitForExit(discovery.pid, 10_000);
    await this.connect('restart');
  }

  /** The user name changed: the token names the user, so a new connection is needed (the daemon stays). */
  reconnect(): void {
    this.dropConnection();
    void this.connect('settings');
  }

  dispose(): void {
    this.disposed = true;
    this.dropConnection();
    this.stateEmitter.dispose();
    this.resyncEmitter.dispose();
  }

  private signal(pid: number, signal: NodeJS.Signals): void {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }

  private async waitForExit(pid: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (isProcessAlive(pid) && Date.now() < deadline) await delay(100);
    if (isProcessAlive(pid)) {
      this.options.log.warn(`daemon pid ${pid} did not stop within ${timeoutMs} ms; killing it`);
      this.signal(pid, 'SIGKILL');
      await delay(200);
    }
  }

  private setState(state: DaemonState): void {
    this.currentState = state;
    if (!this.disposed) this.stateEmitter.fire(state);
  }

  private connect(trigger: ConnectTrigger): Promise<void> {
    // One loop at a time: a second trigger while connecting joins the running attempt.
    this.connecting ??= this.connectLoop(trigger).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectLoop(trigger: ConnectTrigger): Promise<void> {
    const log = this.options.log;
    let failures = 0;
    while (!this.disposed) {
      try {
        const connection = await this.attachOrSpawn(trigger);
        if (this.disposed) {
          connection.close();
          return;
        }
        this.adopt(connection);
        this.backoff.reset();
        return;
      } catch (error) {
        const reason = describeConnectError(error);
        if (error instanceof RespawnBudgetExhausted || isHopeless(error)) {
          log.error(`daemon unavailable: ${reason}`);
          this.setState({ kind: 'down', reason });
          return;
        }
        failures += 1;
        if (failures >= MAX_FAILED_ATTEMPTS) {
          log.error(`giving up after ${failures} attempts: ${reason}`);
          this.setState({ kind: 'down', reason });
          return;
        }
        const retryInMs = this.backoff.next();
        log.warn(`could not reach the daemon (${reason}); retrying in ${retryInMs} ms`);
        this.setState({ kind: 'reconnecting', reason, retryInMs });
        await delay(retryInMs);
      }
    }
  }

  private async attachOrSpawn(trigger: ConnectTrigger): Promise<DaemonConnection> {
    const { log, stateDir } = this.options;
    const settings = this.options.readSettings();
    const client = { name: 'vscode', version: this.options.clientVersion };
    try {
      const connection = await connectToDaemon({
        stateDir,
        username: settings.username,
        client,
        timeoutMs: CONNECT_TIMEOUT_MS,
      });
      log.info(
        `attached to daemon ${connection.info.daemon.version} pid ${connection.info.daemon.pid} as ${connection.info.user.username}`,
      );
      this.spawnedByThisWindow = false;
      return connection;
    } catch (error) {
      const major = refusedMajor(error);
      if (major !== undefined && major > PROTOCOL_MAJOR) throw new NewerDaemon(major);
      if (major !== undefined) {
        log.warn(`the daemon in ${stateDir} speaks protocol ${major}; replacing it with the bundled one`);
        if (!(await this.replaceOlderDaemon(major))) throw new DaemonUnavailable('the window closed');
      } else {
        // A refused token will not get better by starting a daemon.
        if (isHopeless(error)) throw error;
        if (!(error instanceof DaemonNotRunning))
          log.warn(`the daemon in ${stateDir} did not answer (${describeConnectError(error)}); starting a new one`);
      }
    }
    // Respawns after a lost connection are rationed; the first start and the user's restarts are not.
    if (trigger === 'lost' && !this.budget.tryTake()) {
      throw new RespawnBudgetExhausted(
        'the daemon stopped 5 times within 3 minutes; see ViolentUTF: Show Logs, then run ViolentUTF: Restart Daemon',
      );
    }
    log.info(`starting the daemon: ${this.options.daemonScript} (state dir ${stateDir})`);
    const started = await spawnDaemon({
      stateDir,
      daemonScript: this.options.daemonScript,
      execPath: process.execPath,
      env: daemonEnvironment(process.env, settings),
      timeoutMs: SPAWN_TIMEOUT_MS,
    });
    log.info(
      started.alreadyRunning
        ? `another client started daemon pid ${started.discovery.pid} first; using it`
        : `daemon pid ${started.discovery.pid} listening on port ${started.discovery.port}; its log is ${started.logFile}`,
    );
    const connection = await connectToDaemon({
      stateDir,
      username: settings.username,
      client,
      timeoutMs: CONNECT_TIMEOUT_MS,
    });
    this.spawnedByThisWindow = !started.alreadyRunning;
    return connection;
  }

  /** Stops a daemon of an older protocol major (see replaceOlderDaemon); false when the window closed first. */
  private async replaceOlderDaemon(major: number): Promise<boolean> {
    const { stateDir, log } = this.options;
    const discovery = readDiscovery(stateDir);
    if (!discovery || !isProcessAlive(discovery.pid)) return true;
    const username = this.options.readSettings().username;
    return replaceOlderDaemon({
      major,
      open: () =>
        OlderDaemonLink.open({
          port: discovery.port,
          token: mintToken(readSecret(stateDir), username, 10 * 60),
          major,
          client: { name: 'vscode', version: this.options.clientVersion },
          timeoutMs: CONNECT_TIMEOUT_MS,
        }),
      notify: (message) => {
        log.info(message);
        void vscode.window.showInformationMessage(message);
      },
      ask: async (message, detail) =>
        (await vscode.window.showWarningMessage(message, { modal: true, detail }, REPLACE_NOW, WAIT_FOR_RUNS)) ===
        REPLACE_NOW
          ? REPLACE_NOW
          : WAIT_FOR_RUNS,
      waiting: (reason) => this.setState({ kind: 'reconnecting', reason, retryInMs: OLDER_DAEMON_POLL_MS }),
      waitForExit: () => this.waitForExit(discovery.pid, 10_000),
      gone: () => !isProcessAlive(discovery.pid),
      cancelled: () => this.disposed,
      sleep: (ms) => delay(ms),
      log,
    });
  }

  private adopt(connection: DaemonConnection): void {
    this.connection = connection;
    this.lastSeq = undefined;
    for (const method of Object.keys(notifications) as NotificationMethod[]) {
      this.connectionSubscriptions.push(connection.onNotification(method, (params) => this.dispatch(method, params)));
    }
    this.connectionSubscriptions.push(
      connection.onClose(() => {
        if (this.connection !== connection || this.disposed) return;
        this.options.log.warn('the connection to the daemon closed; reconnecting');
        this.dropConnection();
        this.setState({ kind: 'reconnecting', reason: 'connection closed', retryInMs: 0 });
        void this.connect('lost');
      }),
    );
    const { info } = connection;
    if (info.daemon.version !== this.options.clientVersion) {
      this.options.log.warn(
        `daemon ${info.daemon.version} differs from the extension ${this.options.clientVersion}; run ViolentUTF: Restart Daemon to use the bundled one`,
      );
    }
    this.setState({ kind: 'connected', info, spawnedByThisWindow: this.spawnedByThisWindow });
    this.resyncEmitter.fire();
  }

  private dispatch(method: NotificationMethod, params: { seq: number }): void {
    // A gap in seq means a notification was lost: views must re-fetch rather than trust increments.
    const gap = this.lastSeq !== undefined && params.seq !== this.lastSeq + 1;
    this.lastSeq = params.seq;
    if (gap) {
      this.options.log.debug(`notification seq gap before ${params.seq}; re-fetching`);
      this.resyncEmitter.fire();
    }
    for (const handler of this.handlers.get(method) ?? []) {
      try {
        handler(params);
      } catch (error) {
        this.options.log.error(`${method} handler failed: ${(error as Error).message}`);
      }
    }
  }

  private detachConnection(): DaemonConnection | undefined {
    for (const subscription of this.connectionSubscriptions) subscription.dispose();
    this.connectionSubscriptions = [];
    const connection = this.connection;
    this.connection = undefined;
    return connection;
  }

  private dropConnection(): void {
    const connection = this.detachConnection();
    if (connection?.isOpen) connection.close();
  }

  private async waitForConnection(): Promise<DaemonConnection> {
    if (this.connection?.isOpen) return this.connection;
    if (this.currentState.kind === 'down') {
      throw new DaemonUnavailable(`The ViolentUTF daemon is not running: ${this.currentState.reason}`);
    }
    const deadline = Date.now() + REQUEST_WAIT_MS;
    while (Date.now() < deadline && !this.disposed) {
      if (this.connection?.isOpen) return this.connection;
      if (this.state.kind === 'down') break;
      await delay(100);
    }
    const state = this.state;
    const why = state.kind === 'down' || state.kind === 'reconnecting' ? `: ${state.reason}` : '';
    throw new DaemonUnavailable(`The ViolentUTF daemon is not reachable${why}. Try ViolentUTF: Restart Daemon.`);
  }
}

function isHopeless(error: unknown): boolean {
  if (error instanceof NewerDaemon) return true;
  if (error instanceof DaemonRefused) return error.status === 401 || error.status === 403 || error.status === 400;
  // Exit code 2 is the daemon's "bad setting" (README: exit codes); starting it again changes nothing.
  if (error instanceof Error && /exited during start \(code 2\)/.test(error.message)) return true;
  return error instanceof DaemonError && error.code === ErrorCode.ProtocolVersionMismatch;
}

function describeConnectError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
