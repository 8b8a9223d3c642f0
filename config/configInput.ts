import { z } from 'zod';

/** PyRIT orchestrators take a plain prompt list; one prompt must fit what a model can read, with room to spare. */
const maxPromptLength = 100_000;
/** The same bound as a dataset file (datasetLimits.ts): one execution, one sensible amount of work. */
const maxInlinePrompts = 100_000;

const promptListInputSchema = z
  .strictObject({
    prompt_list: z
      .array(z.string().min(1).max(maxPromptLength))
      .min(1)
      .max(maxInlinePrompts)
      .describe('The prompts to send, written out in the config.'),
  })
  .describe('Prompts written out in the config.');

const datasetInputSchema = z
  .strictObject({
    dataset: z
      .string()
      .min(1)
      .describe(
        'Path of a dataset file, relative to this config file (or absolute): a PyRIT SeedPromptDataset YAML ' +
          '(.prompt.yaml, .yaml, .yml, .prompt), a JSON array of prompts (.json) or a CSV with a "prompt" or "value" column (.csv).',
      ),
  })
  .describe('Prompts read from a dataset file.');

/** Two strict shapes rather than one object with two optional fields, so the JSON schema tells editors "one or the other". */
export const configInputSchema = z
  .union([promptListInputSchema, datasetInputSchema], {
    error:
      'expected either {"prompt_list": ["…", …]} or {"dataset": "path/to/prompts.yaml"}, not both and not neither.',
  })
  .describe('What to send when the config is launched: a prompt list or a dataset file.');

export type ConfigInput = z.output<typeof configInputSchema>;
