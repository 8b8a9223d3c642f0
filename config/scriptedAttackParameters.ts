import { z } from 'zod';
import { converterSpecSchema } from './converters/converterSpec';
import { scorerSpecSchema } from './scorers/scorerSpec';
import { targetSpecSchema } from './targetSpec';
import { memoryLabelsSchema } from './memoryLabels';
import { budgetSchema } from './budget';
import { scoreAggregatorField } from './scorers/judging';

/**
 * PyRIT 1.x's attacks that follow a script instead of an attacker model (ManyShotJailbreakAttack, SkeletonKeyAttack,
 * MultiPromptSendingAttack, FlipAttack): each sends fixed turns to the target in one conversation per objective
 * and scores the last answer, as PromptSendingAttack does. These are the fields they share, under PyRIT's names.
 */
const scriptedAttackFields = {
  objective_target: targetSpecSchema.describe(
    'The target under test: it receives every turn of the script, with the earlier ones as history.',
  ),
  prompt_converters: z
    .array(converterSpecSchema)
    .max(20)
    .default([])
    .describe('Converters applied, in order, to every user turn before it is sent (PyRIT request converters).'),
  scorers: z
    .array(scorerSpecSchema)
    .max(20)
    .default([])
    .describe("Scorers of the target's last answer; their verdicts decide the objective's outcome."),
  score_aggregator: scoreAggregatorField,
  batch_size: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe('How many objectives run at once; the turns of one objective are sequential.'),
  memory_labels: memoryLabelsSchema.default({}),
  budget: budgetSchema.optional(),
};

export const multiPromptSendingParametersSchema = z
  .strictObject({
    ...scriptedAttackFields,
    prompt_sequence: z
      .array(z.string().min(1).max(100_000))
      .min(1)
      .max(50)
      .describe(
        'The user turns, in order, all in one conversation (PyRIT user_messages); {{objective}} in a turn is replaced by the objective.',
      ),
  })
  .describe(
    'PyRIT MultiPromptSendingAttack: a fixed sequence of prompts in one conversation per objective; the last answer is scored.',
  );

export const skeletonKeyParametersSchema = z
  .strictObject({
    ...scriptedAttackFields,
    skeleton_key_prompt: z
      .string()
      .min(1)
      .max(100_000)
      .optional()
      .describe("The first turn, sent before the objective. Default: PyRIT's skeleton key prompt."),
  })
  .describe(
    'PyRIT SkeletonKeyAttack: the skeleton key prompt, then the objective, in one conversation; the second answer is scored.',
  );

export const flipParametersSchema = z
  .strictObject(scriptedAttackFields)
  .describe(
    'PyRIT FlipAttack: a system prompt telling the target to read the task backwards, then the objective with its characters reversed; the answer is scored.',
  );

export const manyShotParametersSchema = z
  .strictObject({
    ...scriptedAttackFields,
    examples_path: z
      .string()
      .min(1)
      .describe(
        'A JSON array or CSV file of example exchanges, each with a "user" and an "assistant" field (PyRIT many_shot_examples); relative to the config file.',
      ),
    example_count: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .describe('How many examples are placed before the objective (PyRIT example_count).'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .describe(
        'With a seed, example_count examples are drawn at random from the file, the same ones for the same seed; without, the first example_count are used, as PyRIT does.',
      ),
  })
  .describe(
    'PyRIT ManyShotJailbreakAttack: one prompt holding example_count faux exchanges from a dataset, then the objective; the answer is scored.',
  );

export type MultiPromptSendingParameters = z.output<typeof multiPromptSendingParametersSchema>;
export type SkeletonKeyParameters = z.output<typeof skeletonKeyParametersSchema>;
export type FlipParameters = z.output<typeof flipParametersSchema>;
export type ManyShotParameters = z.output<typeof manyShotParametersSchema>;
/** What every scripted attack's instance reads, whatever its type. */
export type ScriptedAttackParameters = z.output<z.ZodObject<typeof scriptedAttackFields>>;
