import { scorerTypes } from '../../config/scorers/scorerList';
import type { Handler } from '../server/dispatcher';

/** Built once: the list is the same for every caller and every call. */
const list = scorerTypes();

export const scorersList: Handler<'scorers/list'> = () => ({ scorers: list });
