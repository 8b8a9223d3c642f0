import type { DaemonConfig } from '../config';
import type { TeamSettings } from './teamCoordinator';

/** The team settings of a daemon or a `vutf worker` (whose --concurrency replaces the daemon's own). */
export function teamSettings(config: DaemonConfig, url: string, workerConcurrency: number): TeamSettings {
  return {
    url,
    chunkSize: config.teamChunkSize,
    workerConcurrency,
    leaseSeconds: config.teamLeaseSeconds,
    connectTimeoutMs: config.dbConnectionTimeoutMs,
  };
}
