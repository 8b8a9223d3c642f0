import { byId, formatBytes, h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import type {
  DebugInfo,
  DebugPanelFromWebview,
  DebugPanelState,
  DebugPanelToWebview,
} from '../shared/debugPanelMessages';

const vscode = vscodeApi<DebugPanelFromWebview>();

type Row = [label: string, value: Node | string, id?: string];

function table(rows: Row[]): HTMLTableElement {
  return h(
    'table',
    { class: 'facts' },
    h(
      'tbody',
      {},
      ...rows.map(([label, value, id]) =>
        h('tr', {}, h('th', { scope: 'row' }, label), h('td', id ? { id } : {}, value)),
      ),
    ),
  );
}

/** Team mode: where this user's schema is (server, database, role: never a password), its size, rows and pool. */
function postgresRows(pg: DebugInfo['database']['postgres']): Row[] {
  if (pg === undefined) return [];
  const counts = Object.entries(pg.row_counts ?? {})
    .map(([table, count]) => `${table} ${count}`)
    .join(', ');
  return [
    ['Server', h('code', { id: 'db-server' }, `${pg.server}/${pg.database} as ${pg.role}`)],
    ['Schema', h('code', { id: 'db-schema' }, pg.schema)],
    ['Schema size', formatBytes(pg.size_bytes ?? 0), 'db-schema-size'],
    ['Rows', counts || '—', 'db-rows'],
    ['Pool', `${pg.pool.total} / ${pg.pool.max} connections · ${pg.pool.idle} idle · ${pg.pool.waiting} waiting`],
  ];
}

function section(title: string, rows: Row[]): HTMLElement {
  return h('section', {}, h('h2', {}, title), table(rows));
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function dbPathCell(path: string): HTMLElement {
  const copy = h('button', { type: 'button', class: 'link', id: 'copy-path', title: 'Copy the path' }, 'Copy');
  const reveal = h(
    'button',
    { type: 'button', class: 'link', id: 'reveal-path', title: 'Reveal in the file manager' },
    'Reveal',
  );
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copyPath' }));
  reveal.addEventListener('click', () => vscode.postMessage({ type: 'revealPath' }));
  return h('span', {}, h('code', { id: 'db-path' }, path), ' ', copy, ' ', reveal);
}

/** How the daemon's bundle was compiled at start (debug/info.daemon.code_cache), for someone timing its start. */
const CODE_CACHE_TEXT: Readonly<Record<DebugInfo['daemon']['code_cache'], string>> = {
  used: 'from the code cache of an earlier start',
  missing: 'at start (first start of this build; the code cache is written once started)',
  rejected: 'at start (the cached code was refused; written again)',
  unsafe: 'at start (the code cache directory is writable by others, so it is not used)',
  off: 'at start (VUTF_CODE_CACHE=0)',
};

function memoryThreadText(info: DebugInfo): string {
  if (info.daemon.memory_thread_id !== null) return `worker thread ${info.daemon.memory_thread_id}`;
  if (info.database.postgres) return 'none (PostgreSQL memory)';
  return 'none yet (no memory opened), or the main thread (VUTF_MEMORY_THREAD=0)';
}

function render(state: DebugPanelState): void {
  const { info, health, connection } = state;
  const badge = byId('connection');
  badge.textContent = connection.state;
  badge.className = `badge ${connection.state}`;
  badge.title = connection.detail;

  const error = byId('error');
  error.hidden = state.error === null;
  error.textContent = state.error ?? '';

  const cacheResult = byId('cache-result');
  const cleared = state.lastCacheClear;
  cacheResult.hidden = cleared === null;
  if (cleared) {
    const kept = cleared.kept.map((k) => `${k.path} (${k.reason})`).join(', ');
    cacheResult.textContent =
      `Last Clear cache: closed ${cleared.closed.length} database(s)` +
      `${cleared.closed.length ? ` [${cleared.closed.join(', ')}]` : ''}, disposed ${cleared.pool_instances_disposed} idle pool instance(s)` +
      `${kept ? `, kept ${kept}` : ''}.`;
  }

  const sections: HTMLElement[] = [];
  if (info) {
    sections.push(
      section('User and memory', [
        ['Canonical user', h('code', { id: 'username' }, info.username)],
        ['User name from', state.connection.usernameSource, 'username-source'],
        ['Database path', dbPathCell(info.db_path)],
        ['Exists', yesNo(info.exists), 'db-exists'],
        // DuckDB keeps recent writes in the .wal beside the file until a checkpoint: both are on disk, both count.
        [
          'Size on disk',
          info.exists
            ? `${formatBytes(info.size_bytes + info.database.wal_size_bytes)} (file ${formatBytes(info.size_bytes)} + write-ahead log ${formatBytes(info.database.wal_size_bytes)})`
            : '—',
          'db-size',
        ],
        ['Memory dir', h('code', { id: 'memory-dir' }, info.memory_dir)],
        [
          'Salt source',
          info.salt_source === 'env' ? 'PYRIT_DB_SALT (environment)' : 'default (PYRIT_DB_SALT not set)',
          'salt-source',
        ],
      ]),
      section('Database', [
        ['Backend', info.database.postgres ? 'PostgreSQL (team mode)' : 'DuckDB file', 'db-backend'],
        ['State', info.database.state, 'db-state'],
        ['Active connections', String(info.database.active_connections), 'db-connections'],
        ...postgresRows(info.database.postgres),
        ...(info.database.postgres ? [] : [['WAL size', formatBytes(info.database.wal_size_bytes)] as Row]),
        ['Last error', info.database.last_error ?? 'none', 'db-last-error'],
      ]),
    );
  }
  if (health) {
    const pool = health.orchestrators.pool_stats;
    sections.push(
      section('Orchestrator pool', [
        ['Instances', `${pool.total_instances} / ${pool.max_instances}`, 'pool-instances'],
        ['Leased (running)', String(pool.leased)],
        ['Idle TTL', `${pool.ttl_minutes} min`],
        ['Oldest instance', `${pool.oldest_age_minutes.toFixed(1)} min`],
        ['Hits / misses', `${pool.hits} / ${pool.misses}`],
        ['Evictions', String(pool.evictions)],
        ['Dispose failures', String(pool.dispose_failures)],
        ['Status', health.orchestrators.status],
      ]),
    );
  }
  sections.push(
    section('Daemon', [
      ['Connection', `${connection.state} — ${connection.detail}`, 'daemon-connection'],
      ['Started by this window', yesNo(connection.spawnedByThisWindow)],
      ['Started at', info ? new Date(info.daemon.started_at).toLocaleString() : '—'],
      ['Compiled', info ? CODE_CACHE_TEXT[info.daemon.code_cache] : '—', 'daemon-code-cache'],
      ['Memory thread', info ? memoryThreadText(info) : '—', 'daemon-memory-thread'],
      ['Uptime', health ? `${Math.round(health.daemon.uptime_s)} s` : '—'],
      ['Memory (RSS)', health ? formatBytes(health.daemon.rss_bytes) : '—'],
      ['Connected clients', health ? String(health.daemon.clients) : '—'],
      ['State dir', h('code', {}, info?.state_dir ?? connection.stateDir)],
      ['Extension version', connection.extensionVersion],
    ]),
  );
  byId('sections').replaceChildren(...sections);
  byId('footer').textContent = `Refreshed ${new Date(state.refreshedAt).toLocaleTimeString()}`;
  for (const id of ['refresh', 'clear-cache']) byId<HTMLButtonElement>(id).disabled = connection.state !== 'connected';
}

window.addEventListener('message', (event: MessageEvent<DebugPanelToWebview>) => {
  const message = event.data;
  if (message.type === 'state') render(message.state);
  else if (message.type === 'busy') {
    for (const id of ['refresh', 'clear-cache']) byId<HTMLButtonElement>(id).disabled = true;
  }
});

byId('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
byId('clear-cache').addEventListener('click', () => vscode.postMessage({ type: 'clearCache' }));
vscode.postMessage({ type: 'ready' });
