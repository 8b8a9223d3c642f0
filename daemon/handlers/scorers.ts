import { scorerTypes, type ScorerTypeInfo } from '../../config/scorers/scorerList';
import type { Handler } from '../server/dispatcher';

/** Built on the first call (its JSON Schemas take a moment) and kept: the list is the same for every caller. */
let list: ScorerTypeInfo[] | undefined;

export const scorersList: Handler<'scorers/list'> = () => {
  list ??= scorerTypes();
  return { scorers: list };
};
