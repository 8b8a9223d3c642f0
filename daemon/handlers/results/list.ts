import type { Handler } from '../../server/dispatcher';
import { decodeCursor, encodeCursor } from './pageCursor';
import { ownExecution } from './ownExecution';
import { toResultItem } from './resultViews';

export const resultsList: Handler<'results/list'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const page = await store.listAttackResults(params.execution_id, {
    limit: params.limit,
    after: decodeCursor(params.cursor),
    outcomes: params.outcome,
    labelled: params.labelled,
    search: params.search,
    sort: params.sort,
  });
  return {
    items: page.items.map(toResultItem),
    total: page.total,
    limit: params.limit,
    next_cursor: encodeCursor(page.next),
  };
};
