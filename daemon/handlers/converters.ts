import { converterCatalog } from '../../config/converters/converterCatalog';
import type { Handler } from '../server/dispatcher';

/** Read off the same spec union the config schema is generated from, so the two cannot disagree. */
export const convertersList: Handler<'converters/list'> = () => ({
  converters: converterCatalog().map((entry) => ({ ...entry })),
});
