import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { waitFor } from '../helpers/daemonHarness';

export type Execution = ResultOf<'executions/get'>;
export type ResultItem = ResultOf<'results/list'>['items'][number];

export async function waitForEnd(
  connection: DaemonConnection,
  executionId: string,
  timeoutMs = 60_000,
): Promise<Execution> {
  return waitFor(
    `execution ${executionId} to end`,
    async () => {
      const execution = await connection.request('executions/get', { execution_id: executionId });
      return execution.status === 'running' ? undefined : execution;
    },
    timeoutMs,
  );
}

/** Every stored result of an execution, all pages (by cursor). */
export async function allResults(
  connection: DaemonConnection,
  executionId: string,
): Promise<{ total: number; items: ResultItem[] }> {
  const items: ResultItem[] = [];
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await connection.request('results/list', {
      execution_id: executionId,
      limit: 500,
      ...(cursor === undefined ? {} : { cursor }),
    });
    total = page.total;
    items.push(...page.items);
    if (page.next_cursor === null) return { total, items };
    cursor = page.next_cursor;
  }
}

export function isDaemonError(code: number): (error: unknown) => boolean {
  return (error: unknown) => error instanceof DaemonError && error.code === code;
}

/** A seeded generator, so kill points are random but a failure can be replayed (the seed is printed). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}
