import type { Handler } from '../../server/dispatcher';
import { decodeCursor, encodeCursor } from './pageCursor';
import { ownExecution } from './ownExecution';
import { toResultItem } from './resultViews';

export const resultsList: Handler<'results/list'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const page = await store.listResults(params.execution_id, params.offset, params.limit, decodeCursor(params.cursor));
  return {
    items: page.items.map(toResultItem),
    total: page.total,
    offset: params.offset,
    limit: params.limit,
    next_cursor: encodeCursor(page.next),
  };
};
