// Renders bench/results.json as the Markdown table of docs/performance.md: each figure beside the baseline
// measured in the same run and its goal. `npm run bench` rewrites only the part between the two markers below;
// the rest of the document (machine, how to run, the misses explained) is written by hand.
import fs from 'node:fs';
import path from 'node:path';

export type Figures = Record<string, number>;

/** One `npm run bench` (bench/runs.json): each figure's value in each of its runs, and the machine's load then. */
export interface RunsRecord {
  when: string;
  runs: number;
  /** 1-minute load average at the start of each run. */
  loads: number[];
  values: Record<string, number[]>;
}

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

type Verdict = 'met' | 'missed' | 'n/a';

interface Row {
  key: string;
  what: string;
  unit: string;
  /** Text of the baseline; figures in {braces} are filled from the results. */
  baseline: string;
  goal: string;
  verdict?: (figures: Figures) => Verdict;
}

const at = (figures: Figures, key: string): number => figures[key] ?? Number.NaN;
const check = (ok: boolean | undefined): Verdict => (ok === undefined ? 'n/a' : ok ? 'met' : 'missed');
const present = (figures: Figures, ...keys: string[]): boolean => keys.every((key) => Number.isFinite(figures[key]));
const atMost = (figures: Figures, key: string, goal: number): Verdict =>
  check(present(figures, key) ? at(figures, key) <= goal : undefined);
const atLeast = (figures: Figures, key: string, goal: number): Verdict =>
  check(present(figures, key) ? at(figures, key) >= goal : undefined);

const ROWS: readonly Row[] = [
  {
    key: 'memory.pieces_per_s',
    what: 'MemoryStore write throughput',
    unit: 'pieces/s',
    baseline: 'raw appender {memory.raw_appender_rows_per_s} rows/s',
    goal: '≥ 100,000 pieces/s',
    verdict: (f) => check(present(f, 'memory.pieces_per_s') ? at(f, 'memory.pieces_per_s') >= 100_000 : undefined),
  },
  {
    key: 'memory.ratio_vs_raw_appender',
    what: '… as a share of the raw appender',
    unit: '×',
    baseline: 'raw appender = 1 (issue 14: 0.65)',
    goal: '≥ 0.90',
    verdict: (f) => atLeast(f, 'memory.ratio_vs_raw_appender', 0.9),
  },
  {
    key: 'memory.ratio_vs_row_commit',
    what: '… against one INSERT+COMMIT per row',
    unit: '×',
    baseline: 'row commit {memory.row_commit_rows_per_s} rows/s (issue 14: 91×)',
    goal: '≥ 100×',
    verdict: (f) => atLeast(f, 'memory.ratio_vs_row_commit', 100),
  },
  {
    key: 'memory.max_loop_delay_ms',
    what: "longest stall of the caller's event loop while the store writes 100k pieces on the memory thread (best round)",
    unit: 'ms',
    baseline:
      "the manager on the caller's thread {memory.main_thread_max_loop_delay_ms} ms (issue 14: 70–110 ms per 4k-row flush)",
    goal: '≤ 20 ms',
    verdict: (f) => atMost(f, 'memory.max_loop_delay_ms', 20),
  },
  {
    key: 'memory.group_commit_speedup',
    what: '… against the same store with each exchange awaited (group commit)',
    unit: '×',
    baseline: 'one by one {memory.sequential_store_pieces_per_s} pieces/s',
    goal: '≥ 5×',
    verdict: (f) =>
      check(present(f, 'memory.group_commit_speedup') ? at(f, 'memory.group_commit_speedup') >= 5 : undefined),
  },
  {
    key: 'memory.main_thread_pieces_per_s',
    what: "baseline: the same store with its manager on the caller's thread (`VUTF_MEMORY_THREAD=0`)",
    unit: 'pieces/s',
    baseline: '—',
    goal: '—',
  },
  {
    key: 'memory.raw_appender_rows_per_s',
    what: 'baseline: raw DuckDB appender',
    unit: 'rows/s',
    baseline: '—',
    goal: '—',
  },
  { key: 'memory.row_commit_rows_per_s', what: 'baseline: per-row commit', unit: 'rows/s', baseline: '—', goal: '—' },
  {
    key: 'memory.sequential_store_pieces_per_s',
    what: 'baseline: MemoryStore, each exchange awaited',
    unit: 'pieces/s',
    baseline: '—',
    goal: '—',
  },
  {
    key: 'engine.wall_s',
    what: 'engine: 10k prompts, batch 64, 20 ms model',
    unit: 's',
    baseline: 'ideal {engine.ideal_s} s',
    goal: '—',
  },
  {
    key: 'engine.ratio_to_ideal',
    what: '… wall time / ideal',
    unit: '×',
    baseline: 'ideal = 1; the manager on the main thread {engine.main_thread_ratio_to_ideal}× (issue 14: 1.83)',
    goal: '≤ 1.10',
    verdict: (f) => atMost(f, 'engine.ratio_to_ideal', 1.1),
  },
  {
    key: 'engine.cpu_ms_per_prompt',
    what: "… the daemon's CPU (user+system) per prompt over the run",
    unit: 'ms',
    baseline: '{engine.daemon_cpu_pct_of_wall} % of one core over the run',
    goal: '—',
  },
  {
    key: 'engine.event_loop_utilization',
    what: "… the daemon's event-loop utilisation over the run",
    unit: '',
    baseline: 'the manager on the main thread {engine.main_thread_event_loop_utilization}',
    goal: '—',
  },
  {
    key: 'engine.health_p99_ms_during_run',
    what: "another client's `health/get` every 10 ms during that run, p99 (how long the daemon keeps others waiting)",
    unit: 'ms',
    baseline: 'the manager on the main thread {engine.main_thread_health_p99_ms_during_run} ms',
    goal: '—',
  },
  {
    key: 'engine.health_max_ms_during_run',
    what: '… its slowest',
    unit: 'ms',
    baseline: 'the manager on the main thread {engine.main_thread_health_max_ms_during_run} ms',
    goal: '—',
  },

  {
    key: 'rpc.list_page_p50_ms',
    what: '`results/list` page of 50 of a 2,000-prompt run by `next_cursor`, one client, p50',
    unit: 'ms',
    baseline: 'issue 14: 28 ms',
    goal: '≤ 5 ms',
    verdict: (f) => atMost(f, 'rpc.list_page_p50_ms', 5),
  },
  {
    key: 'rpc.concurrent_list_throughput_ratio',
    what: "50 clients paging it at once: pages/s ÷ one client's pages/s",
    unit: '×',
    baseline: 'one client {rpc.list_pages_per_s_one_client} pages/s',
    goal: '≥ 1.6',
    verdict: (f) => atLeast(f, 'rpc.concurrent_list_throughput_ratio', 1.6),
  },
  {
    key: 'rpc.concurrent_list_p99_over_p50',
    what: '… fairness under 50 clients: p99 ÷ p50',
    unit: '×',
    baseline: 'p50 {rpc.concurrent_list_p50_ms} ms',
    goal: '≤ 3',
    verdict: (f) => atMost(f, 'rpc.concurrent_list_p99_over_p50', 3),
  },
  { key: 'pool.hit_us', what: 'pool acquire+release of a pooled instance', unit: 'µs', baseline: '—', goal: '—' },
  {
    key: 'pool.creates_under_1000_concurrent',
    what: 'creates for 1000 concurrent acquires of one key',
    unit: 'creates',
    baseline: '—',
    goal: '1 (single flight)',
    verdict: (f) =>
      check(
        present(f, 'pool.creates_under_1000_concurrent')
          ? at(f, 'pool.creates_under_1000_concurrent') === 1
          : undefined,
      ),
  },
  {
    key: 'rpc.p50_us',
    what: '`health/get` round trip, p50',
    unit: 'µs',
    baseline: 'raw ws JSON echo {rpc.echo_p50_us} µs',
    goal: '≤ 2× echo',
    verdict: (f) => check(present(f, 'rpc.p50_ratio_vs_echo') ? at(f, 'rpc.p50_ratio_vs_echo') <= 2 : undefined),
  },
  {
    key: 'rpc.p99_us',
    what: '`health/get` round trip, p99',
    unit: 'µs',
    baseline: 'raw ws JSON echo p99 {rpc.echo_p99_us} µs',
    goal: '—',
  },
  {
    key: 'rpc.p50_ratio_vs_echo',
    what: '… p50 / echo p50',
    unit: '×',
    baseline: 'echo = 1',
    goal: '≤ 2',
    verdict: (f) => check(present(f, 'rpc.p50_ratio_vs_echo') ? at(f, 'rpc.p50_ratio_vs_echo') <= 2 : undefined),
  },
  {
    key: 'rpc.typed_client_p50_us',
    what: '`health/get` p50 with the typed client (vscode-jsonrpc)',
    unit: 'µs',
    baseline: 'raw-client p50 {rpc.p50_us} µs',
    goal: '—',
  },
  { key: 'rpc.echo_p50_us', what: 'baseline: raw ws JSON echo, p50', unit: 'µs', baseline: '—', goal: '—' },
  {
    key: 'daemon.cold_start_ms',
    what: 'daemon cold start → discovery file → handshake + initialize, from the code cache of an earlier start (median of 5)',
    unit: 'ms',
    baseline:
      "bare `node -e 0` {daemon.node_boot_ms} ms; a build's first start (no cache) {daemon.cold_start_uncached_ms} ms",
    goal: '≤ 300 ms',
    verdict: (f) => check(present(f, 'daemon.cold_start_ms') ? at(f, 'daemon.cold_start_ms') <= 300 : undefined),
  },
  {
    key: 'daemon.cold_start_uncached_ms',
    what: "baseline: the same start compiling the bundle (`VUTF_CODE_CACHE=0`, a build's first start) (median of 5)",
    unit: 'ms',
    baseline: '—',
    goal: '—',
  },
  {
    key: 'daemon.cold_start_ratio_vs_node',
    what: '… cold start / bare `node -e 0`',
    unit: '×',
    baseline: 'bare `node -e 0` = 1 (issue 14: 4.4×)',
    goal: '≤ 2.0',
    verdict: (f) => atMost(f, 'daemon.cold_start_ratio_vs_node', 2),
  },
  {
    key: 'daemon.idle_rss_mb',
    what: 'daemon idle RSS, one client, 30 s',
    unit: 'MB',
    baseline: 'bare idle node {daemon.node_idle_rss_mb} MB',
    goal: '≤ 80 MB',
    verdict: (f) => check(present(f, 'daemon.idle_rss_mb') ? at(f, 'daemon.idle_rss_mb') <= 80 : undefined),
  },
  {
    key: 'daemon.idle_cpu_pct',
    what: 'daemon idle CPU (utime+stime / wall), one client, 120 s',
    unit: '%',
    baseline: '1 clock tick / 120 s = 0.008 % (issue 14: 0.4–0.5 % over 30 s)',
    goal: '< 0.1 %',
    verdict: (f) => check(present(f, 'daemon.idle_cpu_pct') ? at(f, 'daemon.idle_cpu_pct') < 0.1 : undefined),
  },
  {
    key: 'daemon.idle_cpu_second_half_pct',
    what: '… the second 60 s of that window alone (after V8 collected the start-up garbage)',
    unit: '%',
    baseline: '1 clock tick / 60 s = 0.017 %',
    goal: '—',
  },
  {
    key: 'writer_thread.worker_max_loop_delay_ms',
    what: "prototype: main thread's longest stall while a worker_threads writer commits 100k pieces (`bench/writerThread.ts`)",
    unit: 'ms',
    baseline: 'same rows appended on the main thread {writer_thread.main_max_loop_delay_ms} ms',
    goal: '≤ 20 ms',
    verdict: (f) => atMost(f, 'writer_thread.worker_max_loop_delay_ms', 20),
  },
  {
    key: 'writer_thread.worker_vs_main_throughput',
    what: "… its rows/s ÷ the main-thread writer's on the same rows",
    unit: '×',
    baseline: 'main thread {writer_thread.main_rows_per_s} rows/s, worker {writer_thread.worker_rows_per_s} rows/s',
    goal: '≥ 1',
    verdict: (f) => atLeast(f, 'writer_thread.worker_vs_main_throughput', 1),
  },
  {
    key: 'extension.activation_ms',
    what: 'extension bundle load (require with a stub `vscode`, not `activate()`)',
    unit: 'ms',
    baseline: 'bare node boot {daemon.node_boot_ms} ms (not comparable)',
    goal: '—',
  },
  {
    key: 'scale.pieces',
    what: 'pieces in the scale user DB',
    unit: 'pieces',
    baseline: '—',
    goal: '1,000,000',
    verdict: (f) => check(present(f, 'scale.pieces') ? at(f, 'scale.pieces') >= 1_000_000 : undefined),
  },
  {
    key: 'scale.list_page_ms',
    what: '`results/list` next page of 50 by `next_cursor`, 400k deep (median of 20)',
    unit: 'ms',
    baseline: 'sorted by outcome: `scale.list_sorted_page_ms`',
    goal: '≤ 50 ms',
    verdict: (f) => check(present(f, 'scale.list_page_ms') ? at(f, 'scale.list_page_ms') <= 50 : undefined),
  },
  {
    key: 'scale.list_sorted_page_ms',
    what: '`results/list` next page of 50 by `next_cursor`, `sort: outcome`, 400k deep (median of 20)',
    unit: 'ms',
    baseline: '—',
    goal: '—',
  },
  {
    key: 'scale.list_search_ms',
    what: '`results/list` first page of a text `search` filtered to `outcome: success` over 1M pieces (median of 20)',
    unit: 'ms',
    baseline: '—',
    goal: '—',
  },
  {
    key: 'scale.db_health_ms',
    what: '`health/database` on that DB (median of 20)',
    unit: 'ms',
    baseline: '—',
    goal: '≤ 10 ms',
    verdict: (f) => check(present(f, 'scale.db_health_ms') ? at(f, 'scale.db_health_ms') <= 10 : undefined),
  },
  {
    key: 'scale.summary_ms',
    what: '`results/summary` of the 500k-prompt (1M-piece) run (median of 20)',
    unit: 'ms',
    baseline: '—',
    goal: '≤ 300 ms',
    verdict: (f) => atMost(f, 'scale.summary_ms', 300),
  },
  {
    key: 'scale.compare_ms',
    what: '`results/compare` of two 100k-prompt runs in that DB (median of 20)',
    unit: 'ms',
    baseline: '—',
    goal: '≤ 1,000 ms',
    verdict: (f) => atMost(f, 'scale.compare_ms', 1000),
  },
  {
    key: 'security.redos_health_delay_ms',
    what: "slowest `health/get` of one user while another's run scores `(a+)+$` against 200 hostile answers of 10k characters",
    unit: 'ms',
    baseline: 'idle round trip {security.idle_health_ms} ms',
    goal: 'no freeze (RegExp took > 60 s on 31 characters)',
  },
  {
    key: 'security.idle_health_ms',
    what: 'baseline: `health/get` round trip with nothing running (median)',
    unit: 'ms',
    baseline: '—',
    goal: '—',
  },
  {
    key: 'team.scaling_3_workers',
    what: 'team mode: 1,200 prompts, 100 ms model, 3 `vutf worker`s ÷ 1 (prompts/s)',
    unit: '×',
    baseline: '1 worker {team.prompts_per_s_1_worker} prompts/s; 3: {team.prompts_per_s_3_workers}',
    goal: '≥ 2.5',
    verdict: (f) => atLeast(f, 'team.scaling_3_workers', 2.5),
  },
];

function show(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  const digits = Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The runs a figure comes from, when there were several: its median is in the table, the spread beside it. */
function spreadOf(key: string, records: readonly RunsRecord[]): string {
  const values = records.find((record) => key in record.values)?.values[key];
  if (values === undefined || values.length < 2) return '';
  return ` (${show(Math.min(...values))}–${show(Math.max(...values))})`;
}

function provenance(records: readonly RunsRecord[]): string {
  if (records.length === 0) return ' (figures from `bench/results.json`).';
  const parts = records.map((record) => {
    const suites = [...new Set(Object.keys(record.values).map((key) => key.split('.')[0]))].sort();
    const when = record.when.slice(0, 16).replace('T', ' ');
    const how = record.runs > 1 ? `median of ${record.runs} runs` : 'one run';
    return `${suites.map((suite) => `\`${suite}.*\``).join(', ')}: ${how} on ${when} UTC (1-minute load at each run's start: ${record.loads.join(', ')})`;
  });
  return `; ${parts.join('; ')}. Beside a median, in brackets, the lowest and highest of its runs.`;
}

export function renderTable(figures: Figures, when: Date, records: readonly RunsRecord[] = []): string {
  const lines = [
    `Last written by \`npm run bench\` on ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC${provenance(records)}`,
    '',
    '| Figure (`bench/results.json` key) | Measured | Baseline (same run) | Goal | Verdict |',
    '| --- | ---: | --- | --- | --- |',
  ];
  const known = new Set(ROWS.map((row) => row.key));
  for (const row of ROWS) {
    const baseline = row.baseline.replace(/\{([^}]+)\}/g, (_, key: string) => show(figures[key]));
    const verdict = row.verdict ? row.verdict(figures) : '—';
    lines.push(
      `| ${row.what} (\`${row.key}\`) | ${show(figures[row.key])} ${row.unit}${spreadOf(row.key, records)} | ${baseline} | ${row.goal} | ${verdict === 'met' ? '✅ met' : verdict === 'missed' ? '❌ missed' : verdict} |`,
    );
  }
  for (const key of Object.keys(figures).sort()) {
    if (!known.has(key)) lines.push(`| \`${key}\` | ${show(figures[key])}${spreadOf(key, records)} | — | — | — |`);
  }
  return lines.join('\n');
}

/** Replaces the table between the markers of docs/performance.md; leaves the file alone when it has none. */
export function writeReport(
  figures: Figures,
  records: readonly RunsRecord[] = [],
  file = path.resolve(__dirname, '..', 'docs', 'performance.md'),
): boolean {
  if (!fs.existsSync(file)) return false;
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  const next = `${text.slice(0, start + START.length)}\n${renderTable(figures, new Date(), records)}\n${text.slice(end)}`;
  fs.writeFileSync(file, next);
  return true;
}

// `node --import tsx bench/report.ts` rewrites the table from the last bench/results.json without re-running.
if (require.main === module) {
  const figures = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8')) as Figures;
  const runsFile = path.join(__dirname, 'runs.json');
  const records = fs.existsSync(runsFile) ? (JSON.parse(fs.readFileSync(runsFile, 'utf8')) as RunsRecord[]) : [];
  console.log(
    writeReport(figures, records) ? 'docs/performance.md table rewritten' : 'docs/performance.md has no table markers',
  );
}
