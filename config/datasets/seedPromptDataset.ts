import { z } from 'zod';
import { parseOrInvalidConfig } from '../parseOrInvalidConfig';
import type { SourceLocator } from '../sourceLocator';
import { combineCategories, harmCategoriesSchema } from './harmCategories';
import { promptDataTypeSchema, promptMetadataSchema, type LoadedDataset, type LoadedPrompt } from './loadedPrompt';

/**
 * One entry of `prompts:` in a PyRIT SeedPromptDataset. Loose: PyRIT's other fields (authors, source, groups,
 * parameters, sequence, …) are accepted so its own dataset files load, and are not used here.
 */
const seedPromptSchema = z.looseObject(
  {
    value: z.string().min(1).describe('The prompt text.'),
    data_type: promptDataTypeSchema.optional(),
    name: z.string().optional(),
    dataset_name: z.string().optional(),
    harm_categories: harmCategoriesSchema.optional(),
    metadata: promptMetadataSchema.optional(),
    /** Newer PyRIT marks objectives (goals for scorers, not prompts to send) this way in the same file. */
    is_objective: z.boolean().optional(),
  },
  {
    // A bare string is not a PyRIT SeedPrompt; saying so here beats PyRIT failing on the same file later.
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'expected a prompt entry with a "value" field, e.g. "- value: What is the capital of France?" (PyRIT SeedPrompt).'
        : undefined,
  },
);

/** PyRIT SeedPromptDataset as written in its `.prompt` / `.yaml` files: top-level defaults plus `prompts`. */
export const seedPromptDatasetSchema = z.looseObject({
  dataset_name: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  data_type: promptDataTypeSchema.optional(),
  harm_categories: harmCategoriesSchema.optional(),
  prompts: z.array(seedPromptSchema).min(1),
});

function toLoadedPrompt(
  entry: z.output<typeof seedPromptSchema>,
  dataset: z.output<typeof seedPromptDatasetSchema>,
  datasetName: string,
): LoadedPrompt {
  // PyRIT's SeedPromptDataset.from_dict: top-level fields are defaults for every prompt, categories are merged.
  const prompt: LoadedPrompt = {
    value: entry.value,
    data_type: entry.data_type ?? dataset.data_type ?? 'text',
    harm_categories: combineCategories(dataset.harm_categories, entry.harm_categories),
    dataset_name: entry.dataset_name ?? datasetName,
  };
  const name = entry.name ?? dataset.name;
  if (name !== undefined) prompt.name = name;
  if (entry.metadata !== undefined) prompt.metadata = entry.metadata;
  return prompt;
}

export interface SeedDatasetSource {
  source: string;
  positionOf?: SourceLocator;
  /** Used when the file has no `dataset_name`: the file name without its extensions. */
  fallbackName: string;
}

/** A parsed SeedPromptDataset document (from YAML, or the same shape in JSON) as the prompts to send. */
export function readSeedPromptDataset(document: unknown, from: SeedDatasetSource): LoadedDataset {
  const dataset = parseOrInvalidConfig(seedPromptDatasetSchema, document, { subject: 'dataset', ...from });
  const datasetName = dataset.dataset_name ?? from.fallbackName;
  const prompts: LoadedPrompt[] = [];
  for (const entry of dataset.prompts) {
    if (entry.is_objective === true) continue;
    prompts.push(toLoadedPrompt(entry, dataset, datasetName));
  }
  const loaded: LoadedDataset = { dataset_name: datasetName, prompts };
  if (dataset.description !== undefined) loaded.description = dataset.description;
  return loaded;
}
