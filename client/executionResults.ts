import type { ResultOf } from '../protocol/methods';
import type { DaemonLink } from './daemonLink';

export type ResultPage = ResultOf<'results/list'>;
export type ResultItem = ResultPage['items'][number];

/** The largest page results/list serves: fewest round trips. */
const PAGE_SIZE = 500;

/**
 * Every page of an execution's results, in the daemon's order, each handed to `onPage` before the next is asked
 * for; each page after the first is a seek by next_cursor. The daemon bounds a page in bytes as well as rows, so a
 * caller that handles one page at a time holds at most one page of answers. `onPage` returning "stop" ends it.
 */
export async function forEachResultPage(
  link: DaemonLink,
  executionId: string,
  onPage: (page: ResultPage) => void | 'stop' | Promise<void | 'stop'>,
  pageSize = PAGE_SIZE,
): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const page = await link.request('results/list', {
      execution_id: executionId,
      limit: pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    if ((await onPage(page)) === 'stop' || page.next_cursor === null) return;
    cursor = page.next_cursor;
  }
}

/** Every result of an execution, in the daemon's order, all in memory: for callers that need them together. */
export async function allResults(link: DaemonLink, executionId: string): Promise<ResultItem[]> {
  const items: ResultItem[] = [];
  await forEachResultPage(link, executionId, (page) => {
    items.push(...page.items);
  });
  return items;
}
