import type { Handler } from '../../server/dispatcher';
import { decodeCursor, encodeCursor } from './pageCursor';
import { ownExecution } from './ownExecution';
import { toResultItem } from './resultViews';

/**
 * A page's results stop once their text passes this: a quarter of the 64 MiB frame a client takes, however many
 * rows were asked for, so that a run of 4 MiB answers pages instead of failing. next_cursor goes on after it.
 */
export const RESULTS_PAGE_BYTE_BUDGET = 16 * 1024 * 1024;

export const resultsList: Handler<'results/list'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const page = await store.listAttackResults(params.execution_id, {
    limit: params.limit,
    after: decodeCursor(params.cursor),
    outcomes: params.outcome,
    labelled: params.labelled,
    search: params.search,
    sort: params.sort,
    maxBytes: RESULTS_PAGE_BYTE_BUDGET,
  });
  const superseded = await store.supersededConversations(params.execution_id);
  return {
    items: page.items.map((item) => toResultItem(item, superseded.get(item.prompt_index) ?? [])),
    total: page.total,
    limit: params.limit,
    next_cursor: encodeCursor(page.next),
  };
};
