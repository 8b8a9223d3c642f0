import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusBarView } from '../../../extension/status/statusBarModel';
import type { DaemonState } from '../../../extension/daemonClient';
import type { HealthReport } from '../../../extension/status/healthWatcher';

const info = {
  protocol_version: '2.0',
  daemon: { version: '0.1.0', pid: 4242, started_at: '2026-01-01T00:00:00Z' },
  user: { username: 'tam_nguyen', db_path: '/m/pyrit_memory_34d0f8a12625a36c.db' },
};
const connected: DaemonState = { kind: 'connected', info, spawnedByThisWindow: true };

function health(status: HealthReport['status'], overrides: Partial<HealthReport['database']> = {}): HealthReport {
  return {
    status,
    orchestrators: {
      status: status === 'warning' ? 'warning' : 'healthy',
      pool_stats: {
        total_instances: 3,
        max_instances: 20,
        ttl_minutes: 30,
        oldest_age_minutes: 2,
        leased: 1,
        hits: 5,
        misses: 3,
        evictions: 0,
        dispose_failures: 0,
      },
      active_instances: 1,
    },
    database: {
      status: status === 'error' ? 'error' : 'healthy',
      user_db_path: info.user.db_path,
      exists: true,
      size_mb: 1.5,
      active_connections: 1,
      state: 'open',
      wal_size_bytes: 0,
      last_error: null,
      ...overrides,
    },
    daemon: { uptime_s: 600, rss_bytes: 100 * 1024 * 1024, clients: 2 },
  };
}

test('healthy and idle: plain pulse, no background, figures and command links in the tooltip', () => {
  const view = statusBarView({ state: connected, health: health('healthy'), running: [], healthError: undefined });
  assert.equal(view.text, '$(pulse) ViolentUTF');
  assert.equal(view.background, 'none');
  for (const part of [
    'pid 4242',
    '`tam_nguyen`',
    'pyrit_memory_34d0f8a12625a36c.db',
    '1.5 MB',
    '3 / 20 instances',
    '1 leased',
    'command:violentutf.showDebugInfo',
    'command:violentutf.clearCache',
  ]) {
    assert.ok(view.tooltip.includes(part), `tooltip lacks ${part}`);
  }
});

test('running executions spin, without a background', () => {
  const view = statusBarView({
    state: connected,
    health: health('healthy'),
    running: [
      { name: 'echo basics', progress: '40% · 16/40 · 2 errors' },
      { name: 'a | b', progress: '10% · 1/10' },
    ],
    healthError: undefined,
  });
  assert.equal(view.text, '$(sync~spin) ViolentUTF 2 running');
  assert.equal(view.background, 'none');
  assert.ok(
    view.tooltip.includes('| Executions | 2 running — echo basics: 40% · 16/40 · 2 errors; a \\| b: 10% · 1/10 |'),
    view.tooltip,
  );
});

test('warning and error health get their backgrounds; a DB error is shown', () => {
  assert.equal(
    statusBarView({ state: connected, health: health('warning'), running: [], healthError: undefined }).background,
    'warning',
  );
  const error = statusBarView({
    state: connected,
    health: health('error', { state: 'error', last_error: 'database has been invalidated' }),
    running: [],
    healthError: undefined,
  });
  assert.equal(error.background, 'error');
  assert.equal(error.text, '$(error) ViolentUTF: error');
  assert.ok(error.tooltip.includes('database has been invalidated'));
});

test('reconnecting is transient (no background); down asks for action (error background)', () => {
  const reconnecting = statusBarView({
    state: { kind: 'reconnecting', reason: 'connection closed', retryInMs: 500 },
    health: undefined,
    running: [],
    healthError: undefined,
  });
  assert.equal(reconnecting.background, 'none');
  assert.match(reconnecting.text, /loading~spin/);
  const down = statusBarView({
    state: { kind: 'down', reason: 'the daemon stopped 5 times' },
    health: undefined,
    running: [],
    healthError: undefined,
  });
  assert.equal(down.background, 'error');
  assert.equal(down.text, '$(error) ViolentUTF: daemon down');
  assert.ok(down.tooltip.includes('command:violentutf.restartDaemon'));
});

test('table cells cannot be broken by a pipe in daemon text', () => {
  const view = statusBarView({
    state: connected,
    health: health('error', { last_error: 'a | b' }),
    running: [],
    healthError: undefined,
  });
  assert.ok(view.tooltip.includes('a \\| b'));
});

test('team mode: the tooltip names the PostgreSQL server, database and schema, and never a password', () => {
  const view = statusBarView({
    state: connected,
    health: health('healthy', {
      backend: 'postgres',
      postgres: {
        server: 'db.internal:5432',
        database: 'redteam',
        role: 'alice',
        schema: 'vutf_34d0f8a12625a36c',
        pool: { max: 10, total: 2, idle: 1, waiting: 0 },
      },
    }),
    running: [],
    healthError: undefined,
  });
  for (const part of [
    'PostgreSQL',
    '`db.internal:5432/redteam`',
    'schema `vutf_34d0f8a12625a36c`',
    '2 / 10 connections',
  ])
    assert.ok(view.tooltip.includes(part), `${part} in ${view.tooltip}`);
  assert.ok(!view.tooltip.includes('pyrit_memory_'), 'no DuckDB file in team mode');
});

test('the latest run stays in the tooltip with a Show Results link to it, after its toast is gone', () => {
  const view = statusBarView({
    state: connected,
    health: health('healthy'),
    running: [],
    healthError: undefined,
    latest: {
      name: 'echo | basics',
      executionId: 'e-1',
      progress: '3 of 12 judged jailbroken (25.0%) · 12 prompts · completed',
    },
  });
  assert.ok(
    view.tooltip.includes(
      `| Latest run | echo \\| basics: 3 of 12 judged jailbroken (25.0%) · 12 prompts · completed — [$(graph) Show Results](command:violentutf.showResults?${encodeURIComponent('["e-1"]')} "Open this run's results") |`,
    ),
    view.tooltip,
  );
  const none = statusBarView({ state: connected, health: health('healthy'), running: [], healthError: undefined });
  assert.ok(!none.tooltip.includes('Latest run'));
});

test('team mode: the tooltip says who works the queue, and what to do when nobody does', () => {
  const withTeam = (workers: number, queued: number): HealthReport => ({
    ...health('healthy'),
    team: {
      queue_depth: queued,
      workers: Array.from({ length: workers }, (_, index) => ({
        id: `host${index}:100${index}:abcd`,
        host: `host${index}`,
        pid: 1000 + index,
        concurrency: 2,
        active_chunks: 2,
        chunks_done: 7,
        last_seen: '2026-12-02 07:00:00+00',
      })),
    },
  });
  const busy = statusBarView({ state: connected, health: withTeam(3, 4), running: [], healthError: undefined });
  assert.ok(
    busy.tooltip.includes('| Team | 3 workers seen in the last minute · 6 chunks running · 4 queued |'),
    busy.tooltip,
  );
  const idle = statusBarView({ state: connected, health: withTeam(0, 2), running: [], healthError: undefined });
  assert.ok(
    idle.tooltip.includes(
      '0 workers seen in the last minute · 0 chunks running · 2 queued — start one with `vutf worker`',
    ),
    idle.tooltip,
  );
  const alone = statusBarView({ state: connected, health: health('healthy'), running: [], healthError: undefined });
  assert.ok(!alone.tooltip.includes('| Team |'), 'no team row on a DuckDB daemon');
});
