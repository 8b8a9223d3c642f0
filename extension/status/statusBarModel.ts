import type { DaemonState } from '../daemonClient';
import type { HealthReport } from './healthWatcher';

export interface StatusBarView {
  text: string;
  /** `warning` / `error` only when the user has something to do (rust-analyzer's rule): a red bar that needs no action trains people to ignore it. */
  background: 'none' | 'warning' | 'error';
  /** Markdown with command links. */
  tooltip: string;
  accessibilityLabel: string;
}

/** A running execution as the tooltip lists it. */
export interface RunningRun {
  name: string;
  /** progressText of the run: "42% · 16/40 · 1 error". */
  progress: string;
}

/** The newest run the window knows: the tooltip keeps a way to its results after its toast is gone. */
export interface LatestRun {
  name: string;
  executionId: string;
  /** progressText of the run: "3 of 12 judged jailbroken (25.0%) · 12 prompts · completed". */
  progress: string;
}

export interface StatusBarInput {
  state: DaemonState;
  health: HealthReport | undefined;
  running: readonly RunningRun[];
  healthError: string | undefined;
  latest?: LatestRun;
}

/** A command link to one run's results (the argument is the execution id, JSON in the URI as VS Code wants it). */
export function showResultsLink(executionId: string): string {
  return `[$(graph) Show Results](command:violentutf.showResults?${encodeURIComponent(JSON.stringify([executionId]))} "Open this run's results")`;
}

const LINKS = [
  '[$(info) Debug info](command:violentutf.showDebugInfo "Open the debug panel")',
  '[$(trash) Clear cache](command:violentutf.clearCache "Close idle databases and pool instances")',
  '[$(output) Logs](command:violentutf.showLogs "Show the ViolentUTF log")',
  '[$(debug-restart) Restart daemon](command:violentutf.restartDaemon "Stop and start the daemon")',
].join(' &nbsp; ');

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function escapeTable(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Pure: state → what the status bar item shows. Unit-testable without VS Code. */
export function statusBarView(input: StatusBarInput): StatusBarView {
  const { state, health } = input;
  const running = input.running.length;
  if (state.kind === 'starting') {
    return {
      text: '$(loading~spin) ViolentUTF',
      background: 'none',
      tooltip: `Starting or attaching to the ViolentUTF daemon…\n\n${LINKS}`,
      accessibilityLabel: 'ViolentUTF: starting',
    };
  }
  if (state.kind === 'reconnecting') {
    return {
      text: '$(loading~spin) ViolentUTF',
      background: 'none',
      tooltip: `Reconnecting to the daemon (${escapeTable(state.reason)})…\n\n${LINKS}`,
      accessibilityLabel: 'ViolentUTF: reconnecting',
    };
  }
  if (state.kind === 'down') {
    return {
      text: '$(error) ViolentUTF: daemon down',
      background: 'error',
      tooltip: `**The ViolentUTF daemon is not running.**\n\n${escapeTable(state.reason)}\n\n${LINKS}`,
      accessibilityLabel: 'ViolentUTF: daemon down',
    };
  }

  const status = health?.status ?? 'healthy';
  const icon =
    running > 0 ? '$(sync~spin)' : status === 'error' ? '$(error)' : status === 'warning' ? '$(warning)' : '$(pulse)';
  const suffix = running > 0 ? ` ${running} running` : status === 'healthy' ? '' : `: ${status}`;
  const { info } = state;
  const lines: string[] = [];
  lines.push(
    `**ViolentUTF daemon** ${info.daemon.version} · pid ${info.daemon.pid}${state.spawnedByThisWindow ? ' · started by this window' : ''}`,
  );
  lines.push('');
  lines.push('| | |');
  lines.push('|---|---|');
  lines.push(
    `| Status | ${status}${input.healthError ? ` (last refresh failed: ${escapeTable(input.healthError)})` : ''} |`,
  );
  lines.push(`| User | \`${escapeTable(info.user.username)}\` |`);
  if (health) {
    const db = health.database;
    const pg = db.postgres;
    lines.push(
      pg === undefined
        ? `| Database | \`${escapeTable(baseName(db.user_db_path))}\` · ${db.exists ? `${db.size_mb} MB` : 'not created yet'} · ${db.state} · ${db.active_connections} connection${db.active_connections === 1 ? '' : 's'} |`
        : // Team mode: the shared PostgreSQL database and this user's schema in it (never a password).
          `| Database | PostgreSQL \`${escapeTable(pg.server)}/${escapeTable(pg.database)}\` · schema \`${escapeTable(pg.schema)}\` · ${db.state} · ${pg.pool.total} / ${pg.pool.max} connections |`,
    );
    if (db.last_error) lines.push(`| DB error | ${escapeTable(db.last_error)} |`);
    if (health.team !== undefined) {
      // Team mode: who is working the queue, so "why is my run not moving?" has its answer here.
      const { workers, queue_depth: queued } = health.team;
      const busy = workers.reduce((total, worker) => total + worker.active_chunks, 0);
      lines.push(
        `| Team | ${workers.length} worker${workers.length === 1 ? '' : 's'} seen in the last minute · ${busy} chunk${busy === 1 ? '' : 's'} running · ${queued} queued${workers.length === 0 && queued > 0 ? ' — start one with `vutf worker`' : ''} |`,
      );
    }
    const pool = health.orchestrators.pool_stats;
    lines.push(
      `| Pool | ${pool.total_instances} / ${pool.max_instances} instances · ${pool.leased} leased · ${pool.hits} hits · ${pool.misses} misses |`,
    );
    lines.push(
      `| Daemon | up ${Math.round(health.daemon.uptime_s / 60)} min · ${megabytes(health.daemon.rss_bytes)} · ${health.daemon.clients} client${health.daemon.clients === 1 ? '' : 's'} |`,
    );
  }
  const runs = input.running.map((run) => `${escapeTable(run.name)}: ${escapeTable(run.progress)}`);
  lines.push(`| Executions | ${running > 0 ? `${running} running — ${runs.join('; ')}` : 'none running'} |`);
  if (input.latest)
    lines.push(
      `| Latest run | ${escapeTable(input.latest.name)}: ${escapeTable(input.latest.progress)} — ${showResultsLink(input.latest.executionId)} |`,
    );
  lines.push('');
  lines.push(LINKS);
  return {
    text: `${icon} ViolentUTF${suffix}`,
    background: status === 'error' ? 'error' : status === 'warning' ? 'warning' : 'none',
    tooltip: lines.join('\n'),
    accessibilityLabel: `ViolentUTF ${status}${running > 0 ? `, ${running} running` : ''}`,
  };
}
