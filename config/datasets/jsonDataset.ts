import { z } from 'zod';
import { isPlainObject } from '../jsonPath';
import { parseOrInvalidConfig } from '../parseOrInvalidConfig';
import { harmCategoriesSchema } from './harmCategories';
import { promptDataTypeSchema, promptMetadataSchema, type LoadedDataset, type LoadedPrompt } from './loadedPrompt';
import { readSeedPromptDataset, type SeedDatasetSource } from './seedPromptDataset';

/** `{"prompt": …}` is what most exported prompt lists use; `{"value": …}` is PyRIT's name. Either, not both. */
const promptObjectSchema = z
  .looseObject({
    value: z.string().min(1).optional(),
    prompt: z.string().min(1).optional(),
    data_type: promptDataTypeSchema.optional(),
    name: z.string().optional(),
    harm_categories: harmCategoriesSchema.optional(),
    metadata: promptMetadataSchema.optional(),
  })
  .superRefine((entry, context) => {
    if (entry.value === undefined && entry.prompt === undefined) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: 'expected a "value" (or "prompt") field with the prompt text.',
      });
    } else if (entry.value !== undefined && entry.prompt !== undefined) {
      context.addIssue({ code: 'custom', path: ['prompt'], message: 'has both "value" and "prompt"; keep one.' });
    }
  });

const promptArraySchema = z
  .array(
    z.union([z.string().min(1), promptObjectSchema], {
      error: 'expected a prompt: a non-empty string, or an object with a "value" (or "prompt") field.',
    }),
    {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'expected a list of prompts ([…]) or a SeedPromptDataset object with "prompts".'
          : undefined,
    },
  )
  .min(1);

function toLoadedPrompt(entry: z.output<(typeof promptArraySchema)['element']>, datasetName: string): LoadedPrompt {
  if (typeof entry === 'string')
    return { value: entry, data_type: 'text', harm_categories: [], dataset_name: datasetName };
  const prompt: LoadedPrompt = {
    // The schema guarantees one of the two.
    value: entry.value ?? entry.prompt ?? '',
    data_type: entry.data_type ?? 'text',
    harm_categories: entry.harm_categories ?? [],
    dataset_name: datasetName,
  };
  if (entry.name !== undefined) prompt.name = entry.name;
  if (entry.metadata !== undefined) prompt.metadata = entry.metadata;
  return prompt;
}

/**
 * A JSON dataset: an array of prompts (strings, or objects with `value`/`prompt`), or a SeedPromptDataset
 * written as JSON (`{"dataset_name": …, "prompts": [{"value": …}]}`), since that is just YAML's shape in JSON.
 */
export function readJsonDataset(document: unknown, from: SeedDatasetSource): LoadedDataset {
  if (isPlainObject(document) && Object.hasOwn(document, 'prompts')) return readSeedPromptDataset(document, from);
  const entries = parseOrInvalidConfig(promptArraySchema, document, { subject: 'dataset', ...from });
  return { dataset_name: from.fallbackName, prompts: entries.map((entry) => toLoadedPrompt(entry, from.fallbackName)) };
}
