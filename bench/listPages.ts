// Reads under load: a 2,000-prompt run (echo target, refusal scorer) in the real daemon, then `results/list` pages
// of 50 walked by `next_cursor`, first by one raw client, then by 50 clients at once. The concurrent figures are
// ratios against the one client measured in the same run: pages/s of all 50 together ÷ one client's pages/s
// (> 1 only if reads run side by side), and the 50 clients' p99 ÷ p50 (how unevenly they are served).
import { DaemonHarness, waitFor } from '../test/helpers/daemonHarness';
import { median, percentile, round } from './procStats';
import { RawRpc } from './rawRpc';

const PROMPTS = 2_000;
const PAGE = 50;
const CLIENTS = 50;
/** Each client walks the whole run this many times (40 pages a walk). */
const WALKS_PER_CLIENT = 2;
const SINGLE_WALKS = 10;

interface ListPage {
  next_cursor: string | null;
}

/** Walks the run page by page `walks` times, recording each page's round trip (ms). */
async function walk(rpc: RawRpc, executionId: string, walks: number, into: number[]): Promise<number> {
  let pages = 0;
  for (let index = 0; index < walks; index++) {
    let cursor: string | null | undefined;
    do {
      const started = performance.now();
      const page = (await rpc.call('results/list', {
        execution_id: executionId,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      })) as ListPage;
      into.push(performance.now() - started);
      pages++;
      cursor = page.next_cursor;
    } while (cursor !== null);
  }
  return pages;
}

export async function runListPagesBench(): Promise<Record<string, number>> {
  const daemon = await DaemonHarness.start();
  try {
    const connection = await daemon.connect('bench');
    const orchestrator = await connection.request('orchestrators/create', {
      name: 'list bench',
      orchestrator_type: 'prompt_sending',
      parameters: { objective_target: { type: 'echo' }, batch_size: 64, scorers: [{ type: 'refusal' }] },
    });
    const { execution_id: executionId } = await connection.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: Array.from({ length: PROMPTS }, (_, index) => `list bench prompt ${index}`) },
    });
    await waitFor(
      'the list bench run',
      async () => {
        const execution = await connection.request('executions/get', { execution_id: executionId });
        return execution.status === 'running' ? undefined : true;
      },
      300_000,
    );
    connection.close();

    const single = await RawRpc.daemon(daemon.port, daemon.stateDir, 'bench');
    await walk(single, executionId, 1, []);
    const singleMs: number[] = [];
    const singleStarted = performance.now();
    const singlePages = await walk(single, executionId, SINGLE_WALKS, singleMs);
    const singlePagesPerS = singlePages / ((performance.now() - singleStarted) / 1000);
    await single.close();

    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, () => RawRpc.daemon(daemon.port, daemon.stateDir, 'bench')),
    );
    const concurrentMs: number[] = [];
    const concurrentStarted = performance.now();
    const pages = await Promise.all(clients.map((rpc) => walk(rpc, executionId, WALKS_PER_CLIENT, concurrentMs)));
    const concurrentPagesPerS =
      pages.reduce((sum, count) => sum + count, 0) / ((performance.now() - concurrentStarted) / 1000);
    await Promise.all(clients.map((rpc) => rpc.close()));
    const p50 = median(concurrentMs);
    return {
      'rpc.list_page_p50_ms': round(median(singleMs), 2),
      'rpc.list_pages_per_s_one_client': round(singlePagesPerS, 1),
      'rpc.list_pages_per_s_50_clients': round(concurrentPagesPerS, 1),
      'rpc.concurrent_list_throughput_ratio': round(concurrentPagesPerS / singlePagesPerS, 2),
      'rpc.concurrent_list_p50_ms': round(p50, 1),
      'rpc.concurrent_list_p99_over_p50': round(percentile(concurrentMs, 99) / p50, 2),
    };
  } finally {
    await daemon.stop();
  }
}

if (require.main === module) {
  runListPagesBench().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
