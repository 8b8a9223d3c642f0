import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatHealth } from '../../daemon/cli/output';
import type { ResultOf } from '../../protocol/methods';

type Health = ResultOf<'health/get'>;

const base: Health = {
  status: 'healthy',
  orchestrators: {
    status: 'healthy',
    pool_stats: {
      total_instances: 1,
      max_instances: 20,
      ttl_minutes: 30,
      oldest_age_minutes: 0,
      leased: 0,
      hits: 0,
      misses: 1,
      evictions: 0,
      dispose_failures: 0,
    },
    active_instances: 0,
  },
  database: {
    status: 'healthy',
    user_db_path: '/m/pyrit_memory_0123456789abcdef.db',
    exists: true,
    size_mb: 0,
    active_connections: 1,
    state: 'open',
    wal_size_bytes: 0,
    last_error: null,
  },
  daemon: { uptime_s: 12, rss_bytes: 50 * 1024 * 1024, clients: 1 },
};

test('vutf health prints the team queue and a line per worker in team mode, none without', () => {
  const team: Health = {
    ...base,
    team: {
      queue_depth: 4,
      workers: [
        {
          id: 'h1:10:a',
          host: 'h1',
          pid: 10,
          concurrency: 2,
          active_chunks: 1,
          chunks_done: 7,
          last_seen: '2026-12-02 07:00:00+00',
        },
        // A host name is text from the database: a terminal escape in it is not printed as is.
        {
          id: 'h2:11:b',
          host: 'evil\u001b[2Jhost',
          pid: 11,
          concurrency: 4,
          active_chunks: 0,
          chunks_done: 0,
          last_seen: '2026-12-02 07:00:01+00',
        },
      ],
    },
  };
  const text = formatHealth(team);
  assert.match(text, /^Team queue: {4}4 chunk\(s\) waiting, 2 worker\(s\) seen in the last minute$/m);
  assert.match(text, /^ {15}h1 pid 10: 1\/2 chunk\(s\) running, 7 done$/m);
  assert.ok(!text.includes('\u001b'), text);
  assert.ok(!formatHealth(base).includes('Team queue'));
});
