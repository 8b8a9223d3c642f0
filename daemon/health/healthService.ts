import fs from 'node:fs';
import type { z } from 'zod';
import type { HealthStatus } from '../../protocol/schemas/common';
import type { DatabaseHealth, HealthReport, OrchestratorsHealth, PoolStats } from '../../protocol/schemas/health';
import type { ClientRegistry } from '../server/clientRegistry';

export type PoolStatsFigures = z.infer<typeof PoolStats>;
export type DatabaseHealthReport = z.infer<typeof DatabaseHealth>;
export type OrchestratorsHealthReport = z.infer<typeof OrchestratorsHealth>;
export type FullHealthReport = z.infer<typeof HealthReport>;

export interface DatabaseFigures {
  state: 'closed' | 'opening' | 'open' | 'error';
  active_connections: number;
  wal_size_bytes: number;
  last_error: string | null;
}

/** Health reads its figures through these, so it knows nothing of DuckDB or of how the pool works. */
export interface PoolHealthSource {
  stats(): PoolStatsFigures;
  /** 'warning' at capacity: a new configuration has to wait for an eviction. */
  status(): 'healthy' | 'warning';
}

/** Team mode: the queue and its workers, as last refreshed (health is built synchronously). */
export interface TeamHealthSource {
  readonly snapshot: NonNullable<FullHealthReport['team']>;
}

export interface DatabaseHealthSource {
  readonly backend?: 'duckdb' | 'postgres';
  stats(dbPath: string): DatabaseFigures;
  summary?(dbPath: string): DatabaseHealthReport['postgres'];
}

const SEVERITY: Record<HealthStatus, number> = { healthy: 0, warning: 1, error: 2 };

export function worstStatus(...statuses: HealthStatus[]): HealthStatus {
  return statuses.reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), 'healthy');
}

/** No exception for a file not created yet: health is asked for often, and a throw costs ten times the stat. */
function fileSize(file: string): number | undefined {
  return fs.statSync(file, { throwIfNoEntry: false })?.size;
}

const RSS_SAMPLE_MS = 1000;
let rssSample = { at: 0, bytes: 0 };
let rssFailing = false;

/**
 * process.memoryUsage.rss() costs more than the rest of a health report; a second-old figure is as good. It reads
 * /proc, so at the descriptor limit it throws EMFILE: then the last figure stands (health is asked for exactly
 * when things go wrong, and a health timer that threw used to end the daemon), and the failure is said once.
 */
function residentSetBytes(warn: (message: string) => void): number {
  const now = Date.now();
  if (now - rssSample.at < RSS_SAMPLE_MS) return rssSample.bytes;
  try {
    rssSample = { at: now, bytes: process.memoryUsage.rss() };
    rssFailing = false;
  } catch (error) {
    rssSample = { at: now, bytes: rssSample.bytes };
    if (!rssFailing)
      warn(`could not read the daemon's memory use (${(error as Error).message}); health shows the last figure`);
    rssFailing = true;
  }
  return rssSample.bytes;
}

export class HealthService {
  constructor(
    private readonly pool: PoolHealthSource,
    private readonly databases: DatabaseHealthSource,
    private readonly clients: ClientRegistry,
    private readonly startedAt: Date,
    private readonly warn: (message: string) => void = () => undefined,
    private readonly team?: TeamHealthSource,
  ) {}

  orchestrators(): OrchestratorsHealthReport {
    const poolStats = this.pool.stats();
    return { status: this.pool.status(), pool_stats: poolStats, active_instances: poolStats.leased };
  }

  /**
   * A file that does not exist yet is healthy: it is created on the first write, and the user has nothing to do.
   * (The seed said "warning"; the status bar shows warnings only when the user must act.)
   */
  database(dbPath: string): DatabaseHealthReport {
    const figures = this.databases.stats(dbPath);
    if (this.databases.summary !== undefined) {
      // PostgreSQL: no file, no WAL; the schema's size comes with health/database (details, a server query).
      return {
        status: figures.state === 'error' ? 'error' : 'healthy',
        user_db_path: dbPath,
        exists: figures.state === 'open',
        size_mb: 0,
        active_connections: figures.active_connections,
        state: figures.state,
        wal_size_bytes: 0,
        last_error: figures.last_error,
        backend: 'postgres',
        postgres: this.databases.summary(dbPath),
      };
    }
    const size = fileSize(dbPath);
    return {
      status: figures.state === 'error' ? 'error' : 'healthy',
      user_db_path: dbPath,
      exists: size !== undefined,
      size_mb: size === undefined ? 0 : Math.round((size / 1024 / 1024) * 1000) / 1000,
      active_connections: figures.active_connections,
      state: figures.state,
      wal_size_bytes: figures.wal_size_bytes,
      last_error: figures.last_error,
    };
  }

  report(dbPath: string): FullHealthReport {
    const orchestrators = this.orchestrators();
    const database = this.database(dbPath);
    return {
      status: worstStatus(orchestrators.status, database.status),
      orchestrators,
      database,
      daemon: {
        uptime_s: Math.round((Date.now() - this.startedAt.getTime()) / 100) / 10,
        rss_bytes: residentSetBytes(this.warn),
        clients: this.clients.count,
      },
      ...(this.team === undefined ? {} : { team: this.team.snapshot }),
    };
  }

  /** Pushes health/changed to each client whose status differs from what it was last told. */
  publishChanges(): void {
    for (const session of this.clients.all()) {
      if (!session.initialized) continue;
      const health = this.report(session.dbPath);
      if (health.status === session.lastHealthStatus) continue;
      const previous = session.lastHealthStatus;
      session.lastHealthStatus = health.status;
      session.notify('health/changed', { status: health.status, previous_status: previous, health });
    }
  }
}
