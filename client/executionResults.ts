import type { ResultOf } from '../protocol/methods';
import type { DaemonLink } from './daemonLink';

export type ResultItem = ResultOf<'results/list'>['items'][number];

/** The largest page results/list serves: fewest round trips. */
const PAGE_SIZE = 500;

/** Every result of an execution, in the daemon's order; each page after the first is a seek by next_cursor. */
export async function allResults(link: DaemonLink, executionId: string): Promise<ResultItem[]> {
  const items: ResultItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await link.request('results/list', {
      execution_id: executionId,
      limit: PAGE_SIZE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    items.push(...page.items);
    if (page.next_cursor === null) return items;
    cursor = page.next_cursor;
  }
}
