import os from 'node:os';
import { loadConfig, ConfigError } from '../config';
import { createLogger, parseLogLevel, type Logger } from '../log';
import { OrchestratorPool } from '../pool';
import { UserMemory } from '../user/userMemory';
import type { OrchestratorInstance } from '../orchestrators/instance';
import { daemonReplyBudget } from '../orchestrators/targets/targetTuning';
import { teamSettings } from '../team/teamSettings';
import { TeamConnection } from '../team/teamConnection';

export interface RunWorkerOptions {
  env?: Record<string, string | undefined>;
  /** Chunks run at once (--concurrency). */
  concurrency: number;
  log?: Logger;
  /** Resolves when the worker should stop (SIGTERM/SIGINT by default). */
  until?: Promise<string>;
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => resolve(`received ${signal}`);
    process.once('SIGTERM', on);
    process.once('SIGINT', on);
  });
}

/**
 * `vutf worker`: a daemon without its WebSocket listener. It claims chunks of the team's executions from the job
 * queue in the team's PostgreSQL and runs them with the same pool, engine and memory as a daemon, until told to
 * stop; then it releases what it holds (the queue hands it to another worker) and exits.
 */
export async function runWorker(options: RunWorkerOptions): Promise<string> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  if (config.memoryUrl === null)
    throw new ConfigError(
      'VUTF_MEMORY_URL',
      "vutf worker runs the team's executions from its PostgreSQL database: set VUTF_MEMORY_URL=postgres://… (or memory_url in settings.json) as on the team's daemons (docs/team.md).",
    );
  const log = options.log ?? createLogger(parseLogLevel(env.VUTF_LOG_LEVEL));
  daemonReplyBudget.resize(config.maxInflightReplyBytes);
  const pool = new OrchestratorPool<OrchestratorInstance>({
    maxInstances: config.poolSize,
    maxInstancesPerUser: config.poolPerUser,
    ttlMinutes: config.ttlMinutes,
    dispose: (instance) => instance.dispose(),
    log: (level, message) => log.log(level, message),
  });
  const { PostgresMemory } = await import('../memory/postgres/postgresMemory');
  const databases = new PostgresMemory({
    url: config.memoryUrl,
    maxConnections: config.pgPoolMax,
    connectTimeoutMs: config.dbConnectionTimeoutMs,
    log: (level, message) => log.log(level, message),
  });
  const memory = new UserMemory(databases, { recoverInterrupted: false });
  // A worker started before the team's server is up waits for it (and says so), as a daemon does.
  const team = new TeamConnection(
    teamSettings(config, config.memoryUrl, options.concurrency),
    { memory, memoryDir: config.memoryDir, pool, env, log },
    () => undefined,
  );
  await team.start();
  log.info(
    `vutf worker pid ${process.pid} on ${os.hostname()}: ${options.concurrency} chunk(s) at a time; memory ${databases.location}`,
  );
  const reason = await (options.until ?? signalled());
  log.info(`worker stopping: ${reason}`);
  await team.close();
  await pool.close();
  await databases.closeAll();
  log.info('worker stopped');
  return reason;
}
