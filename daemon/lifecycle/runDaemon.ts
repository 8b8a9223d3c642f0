import { loadConfig, type DaemonConfig } from '../config';
import { ensureSecret } from '../auth/secret';
import { ensurePrivateDir } from '../../client/privateFiles';
import { createLogger, guarded, parseLogLevel, type Logger } from '../log';
import { probeDaemon } from '../../client/locateDaemon';
import { acquireStartLock } from './startLock';
import { readDiscovery, discoveryPath, type Discovery } from '../../client/discovery';
import { removeDiscoveryIfOwned, writeDiscovery } from './discovery';
import { IdleShutdown } from './idleShutdown';
import { ClientRegistry } from '../server/clientRegistry';
import { Dispatcher } from '../server/dispatcher';
import { DaemonServer } from '../server/daemonServer';
import { HealthService } from '../health/healthService';
import { handlers } from '../handlers';
import type { DaemonServices } from '../services';
import { DAEMON_VERSION, PROTOCOL_VERSION } from '../../protocol/version';
import fs from 'node:fs';
import path from 'node:path';
import { teamSettings } from '../team/teamSettings';
import { TeamConnection } from '../team/teamConnection';
import type { TeamCoordinator } from '../team/teamCoordinator';
import { OrchestratorPool } from '../pool';
import { duckdbMemory, type MemoryBackend } from '../memory';
import { UserMemory } from '../user/userMemory';
import { ExecutionService } from '../orchestrators/engine/executionService';
import type { OrchestratorInstance } from '../orchestrators/instance';
import { daemonReplyBudget } from '../orchestrators/targets/targetTuning';

export interface RunDaemonOptions {
  port?: number;
  env?: Record<string, string | undefined>;
  log?: Logger;
  /** Where the "how to reach me" banner goes (stdout for `vutf daemon run`). */
  announce?: (text: string) => void;
  /** Called once the daemon is listening and its discovery file is written: clients can connect from here on. */
  onListening?: (discovery: Discovery) => void;
}

export type RunDaemonResult = { kind: 'stopped'; reason: string } | { kind: 'already-running'; discovery: Discovery };

/** An unused memory file is checkpointed and closed after this long, so its WAL does not linger. */
const DB_IDLE_CLOSE_MS = 5 * 60_000;

/**
 * The daemon's whole life: config → secret → start lock → listen → discovery file → serve → graceful stop.
 * Resolves when the daemon has stopped (or found another one already running).
 */
export async function runDaemon(options: RunDaemonOptions = {}): Promise<RunDaemonResult> {
  const env = options.env ?? process.env;
  const config: DaemonConfig = loadConfig(env);
  const log = options.log ?? createLogger(parseLogLevel(env.VUTF_LOG_LEVEL));
  ensurePrivateDir(config.stateDir);
  const secret = ensureSecret(config.stateDir);

  const lock = await acquireStartLock({ stateDir: config.stateDir, probe: () => probeDaemon(config.stateDir) });
  if (!lock.acquired) return { kind: 'already-running', discovery: lock.running };
  // A daemon killed with -9 leaves its discovery file; we hold the lock now, so whatever is there is stale.
  const stale = readDiscovery(config.stateDir);
  if (stale) {
    log.info(`replacing stale discovery file of pid ${stale.pid}`);
    fs.rmSync(discoveryPath(config.stateDir), { force: true });
  }

  const startedAt = new Date();
  // Every target the daemon builds reads its replies within this one budget (VUTF_MAX_INFLIGHT_REPLY_MIB).
  daemonReplyBudget.resize(config.maxInflightReplyBytes);
  const clients = new ClientRegistry();
  const pool = new OrchestratorPool<OrchestratorInstance>({
    maxInstances: config.poolSize,
    maxInstancesPerUser: config.poolPerUser,
    ttlMinutes: config.ttlMinutes,
    dispose: (instance) => instance.dispose(),
    log: (level, message, details) => log.log(level, details ? `${message} ${JSON.stringify(details)}` : message),
  });
  const databases: MemoryBackend =
    config.memoryUrl === null
      ? duckdbMemory(config.memoryThread, {
          connectTimeoutMs: config.dbConnectionTimeoutMs,
          maxRetries: config.dbMaxRetries,
          idleCloseMs: DB_IDLE_CLOSE_MS,
          maxReaders: config.dbReaders,
          log: (level, message) => log.log(level, message),
        })
      : // Loaded only in team mode: a daemon on its DuckDB file never pays for pg.
        new (await import('../memory/postgres/postgresMemory')).PostgresMemory({
          url: config.memoryUrl,
          maxConnections: config.pgPoolMax,
          connectTimeoutMs: config.dbConnectionTimeoutMs,
          log: (level, message) => log.log(level, message),
        });
  const memory = new UserMemory(databases, { recoverInterrupted: config.memoryUrl === null });
  // Team mode: executions go to the team's job queue, and this daemon works it too (unless its concurrency is 0).
  // The relay is hooked each time the queue's connection opens (it is retried while the server is away).
  let relay: (team: TeamCoordinator) => void = () => undefined;
  const team =
    config.memoryUrl === null
      ? undefined
      : new TeamConnection(
          teamSettings(config, config.memoryUrl, config.teamWorkerConcurrency),
          { memory, memoryDir: config.memoryDir, pool, env, log },
          (opened) => relay(opened),
        );
  const health = new HealthService(pool, databases, clients, startedAt, (message) => log.warn(message), team);
  const executions = new ExecutionService({
    memory,
    pool,
    log,
    env,
    team,
    events: {
      progress: (username, executionId, orchestratorId, progress) => {
        for (const session of clients.forUser(username))
          session.notify('executions/progress', {
            execution_id: executionId,
            orchestrator_id: orchestratorId,
            ...progress,
          });
      },
      changed: (username, execution) => {
        for (const session of clients.forUser(username)) session.notify('executions/changed', { execution });
      },
    },
  });
  // Every daemon attached to the team's database relays its users' runs, wherever they run.
  relay = (opened) =>
    opened.events.on((event) => {
      if (event.kind === 'progress') {
        for (const session of clients.forUser(event.username))
          session.notify('executions/progress', {
            execution_id: event.execution_id,
            orchestrator_id: event.orchestrator_id,
            completed: event.completed,
            total: event.total,
            errors: event.errors,
          });
      } else if (event.kind === 'changed' && clients.forUser(event.username).length > 0) {
        const dbPath = path.join(config.memoryDir, path.basename(event.memory_file));
        executions.announce({ username: event.username, dbPath }, event.execution_id);
      }
    });
  await team?.start();
  // Health is pushed when what it is made of changes, never polled: an idle daemon is not woken to find nothing.
  // A database that breaks (or recovers) is pushed at once, before a next request can move its state on.
  databases.onStateChange(guarded(log, 'publishing health changes', () => health.publishChanges()));
  pool.onStatusChange(guarded(log, 'publishing health changes', () => health.publishChanges()));

  let stopReason: string | undefined;
  let resolveStopped!: (reason: string) => void;
  const stopped = new Promise<string>((resolve) => (resolveStopped = resolve));
  const requestShutdown = (reason: string): void => {
    if (stopReason !== undefined) return;
    stopReason = reason;
    // Let the response to daemon/shutdown reach the client before sockets close.
    setImmediate(() => resolveStopped(reason));
  };

  const services: DaemonServices = {
    config,
    startedAt,
    log,
    clients,
    health,
    pool,
    databases,
    memory,
    executions,
    requestShutdown,
  };
  const server = new DaemonServer({
    config,
    port: options.port ?? 0,
    secret,
    log,
    clients,
    dispatcher: new Dispatcher(handlers, services),
    heartbeatMs: config.heartbeatMs,
  });

  const cleanUpFiles = (): void => {
    removeDiscoveryIfOwned(config.stateDir, process.pid);
    lock.release();
  };
  process.on('exit', cleanUpFiles);

  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
    cleanUpFiles();
    throw error;
  }
  const discovery: Discovery = {
    pid: process.pid,
    port,
    protocol_version: PROTOCOL_VERSION,
    version: DAEMON_VERSION,
    started_at: startedAt.toISOString(),
  };
  writeDiscovery(config.stateDir, discovery);

  const onSignal = (signal: NodeJS.Signals) => requestShutdown(`received ${signal}`);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const idle = new IdleShutdown(
    config.idleShutdownMinutes,
    () => clients.count > 0 || executions.runningCount > 0 || (team?.activeChunks ?? 0) > 0,
    () => requestShutdown(`idle for ${config.idleShutdownMinutes} min with no client`),
    (error) => log.error(`the idle-shutdown check failed: ${(error as Error).stack ?? String(error)}`),
    clients,
  );
  idle.start();

  log.info(
    `daemon ${DAEMON_VERSION} pid ${process.pid} listening on 127.0.0.1:${port}; state ${config.stateDir}; memory ${config.memoryDir}`,
  );
  options.announce?.(
    [
      `ViolentUTF daemon ${DAEMON_VERSION} is listening on ws://127.0.0.1:${port}/ (pid ${process.pid}, protocol ${PROTOCOL_VERSION}).`,
      `  memory dir:  ${config.memoryDir}`,
      `  discovery:   ${discoveryPath(config.stateDir)}`,
      '  try it:      node dist/cli.js launch examples/echo-basics.orchestrator.json --wait',
      '  first time?  node dist/cli.js demo      (or start with `npm start -- --demo`)',
      '  health:      node dist/cli.js health        (or `vutf health` once `npm link` put vutf on your PATH)',
      '  a token:     node dist/cli.js token --user NAME   for clients in other languages',
      '  stop:        Ctrl+C here, or `vutf daemon stop`',
      '',
    ].join('\n'),
  );

  options.onListening?.(discovery);

  const reason = await stopped;
  log.info(`shutting down: ${reason}`);
  idle.stop();
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  // Order matters: runs stop first (marked interrupted, resumable), then clients go, then the files are flushed.
  await executions.interruptAll();
  // A team worker gives its chunks back to the queue (another worker, or the next daemon, sends the rest).
  await team?.close();
  await server.close();
  await pool.close();
  await databases.closeAll();
  cleanUpFiles();
  process.off('exit', cleanUpFiles);
  log.info('stopped');
  return { kind: 'stopped', reason };
}
