import { z } from 'zod';

/** PyRIT writes a list; hand-written YAML often has a single category as a plain string, which means the same. */
export const harmCategoriesSchema = z
  .union(
    [
      z
        .string()
        .min(1)
        .transform((category) => [category]),
      z.array(z.string().min(1)),
    ],
    {
      error: 'a list of harm category names, e.g. ["illegal", "violence"]',
    },
  )
  .describe('Harm categories of the prompt(s).');

/** PyRIT's `combine_list`: dataset-level categories first, then the prompt's own, each once. */
export function combineCategories(...lists: readonly (readonly string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((list) => list ?? []))];
}
