import { z } from 'zod';
import { converterSpecSchema } from './converters/converterSpec';
import { scorerSpecSchema } from './scorers/scorerSpec';
import { targetSpecSchema } from './targetSpec';
import { memoryLabelsSchema } from './memoryLabels';
import { budgetSchema } from './budget';
import { scoreAggregatorField } from './scorers/judging';

/** The parameters of PyRIT's PromptSendingOrchestrator, under its own names, so configs read the same in both. */
export const promptSendingParametersSchema = z
  .strictObject({
    objective_target: targetSpecSchema.describe('The target under test: where every (converted) prompt is sent.'),
    prompt_converters: z
      .array(converterSpecSchema)
      .max(20)
      .default([])
      .describe(
        'Converters applied to each prompt before it is sent, in order: each one converts the output of the one ' +
          'before (PyRIT stacks them the same way). Empty sends the prompts as written.',
      ),
    scorers: z
      .array(scorerSpecSchema)
      .max(20)
      .default([])
      .describe('Scorers run on every response; each stores one score per response. Empty stores responses only.'),
    score_aggregator: scoreAggregatorField,
    batch_size: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(8)
      .describe('How many prompts are in flight at once (PyRIT batch_size). Lower it for rate-limited targets.'),
    memory_labels: memoryLabelsSchema.default({}),
    budget: budgetSchema.optional(),
  })
  .describe('Sends every prompt once, each in a conversation of its own, then scores the responses.');

export type PromptSendingParametersInput = z.input<typeof promptSendingParametersSchema>;
export type PromptSendingParameters = z.output<typeof promptSendingParametersSchema>;
