import { z } from 'zod';

/**
 * PyRIT's PromptDataType values that make sense for a seed prompt ("error" only ever describes a response).
 * Only text goes through the converters; the others are kept so a PyRIT dataset loads unchanged.
 */
export const promptDataTypeSchema = z
  .enum(['text', 'image_path', 'audio_path', 'video_path', 'url'])
  .describe('PyRIT data_type of the prompt; "text" unless said otherwise.');

export type PromptDataType = z.output<typeof promptDataTypeSchema>;

/** PyRIT SeedPrompt.metadata holds strings and numbers; booleans are allowed too, as YAML writes them freely. */
export const promptMetadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export type PromptMetadata = z.output<typeof promptMetadataSchema>;

/** One prompt to send, with the PyRIT SeedPrompt fields that travel with it into memory. */
export interface LoadedPrompt {
  value: string;
  data_type: PromptDataType;
  harm_categories: string[];
  name?: string;
  dataset_name?: string;
  metadata?: PromptMetadata;
}

export interface LoadedDataset {
  dataset_name: string;
  description?: string;
  prompts: LoadedPrompt[];
}
