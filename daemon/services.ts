import type { DaemonConfig } from './config';
import type { Logger } from './log';
import type { ClientRegistry } from './server/clientRegistry';
import type { HealthService } from './health/healthService';
import type { ClientSession } from './server/clientSession';
import type { CancellationToken } from 'vscode-jsonrpc/node';
import type { OrchestratorPool } from './pool';
import type { OrchestratorInstance } from './orchestrators/instance';
import type { MemoryBackend } from './memory';
import type { UserMemory } from './user/userMemory';
import type { ExecutionService } from './orchestrators/engine/executionService';

/** What request handlers may use. Built once by the daemon; handlers never reach around it. */
export interface DaemonServices {
  config: DaemonConfig;
  startedAt: Date;
  log: Logger;
  clients: ClientRegistry;
  health: HealthService;
  pool: OrchestratorPool<OrchestratorInstance>;
  databases: MemoryBackend;
  memory: UserMemory;
  executions: ExecutionService;
  /** Starts a graceful shutdown after the current response has been sent. */
  requestShutdown(reason: string): void;
}

export interface RequestContext {
  session: ClientSession;
  services: DaemonServices;
  cancellation: CancellationToken;
}
