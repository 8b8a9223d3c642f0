import { z } from 'zod';
import { converterSpecSchema } from './converters/converterSpec';
import { scoreTypeOf } from './scorers/scorerCatalog';
import { scorerSpecSchema } from './scorers/scorerSpec';
import { targetSpecSchema } from './targetSpec';
import { memoryLabelsSchema } from './memoryLabels';
import { budgetSchema } from './budget';

/** A scorer a multi-turn attack can run on each answer: any but decoding, which needs the prompt before its converters. */
export const multiTurnScorerSpecSchema = scorerSpecSchema.superRefine((spec, context) => {
  if (spec.type === 'decoding') {
    context.addIssue({
      code: 'custom',
      path: ['type'],
      message:
        'decoding compares the answer with the prompt before its converters, which a multi-turn attack does not have; use it in prompt_sending.',
    });
  }
});

/**
 * A scorer whose verdict decides a turn: it must say True or False. A Likert scorer yields a float, and which
 * float counts as "achieved" would be a guess, so it is refused here rather than thresholded silently.
 */
export const trueFalseScorerSpecSchema = multiTurnScorerSpecSchema.superRefine((spec, context) => {
  if (scoreTypeOf(spec.type) === 'float_scale') {
    context.addIssue({
      code: 'custom',
      path: ['type'],
      message: `must be a true/false scorer; ${spec.type} yields a float, not a verdict. Wrap it in float_scale_threshold to choose the value from which it counts as achieved.`,
    });
  }
});

/** The fields every attacker-driven attack (red_teaming, crescendo, tap, pair) shares, with their PyRIT names. */
export function attackerDrivenFields(placeholders: string) {
  return {
    objective_target: targetSpecSchema.describe(
      "The target under test: it receives the attacker's prompts, with the earlier kept turns as history.",
    ),
    adversarial_chat: targetSpecSchema.describe(
      'The attacker: a chat model that writes each attack prompt (PyRIT adversarial_chat).',
    ),
    adversarial_chat_system_prompt: z
      .string()
      .min(1)
      .max(100_000)
      .optional()
      .describe(`System prompt of the attacker; ${placeholders}. Default: the attack's built-in prompt.`),
    adversarial_chat_system_prompt_path: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A file holding the attacker's system prompt; relative to the config file. Not with adversarial_chat_system_prompt.",
      ),
    prompt_converters: z
      .array(converterSpecSchema)
      .max(20)
      .default([])
      .describe(
        'Converters applied, in order, to each attack prompt before it goes to the target. The attacker sees its own text.',
      ),
    batch_size: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe('How many objectives run at once; the steps within one objective are sequential.'),
    memory_labels: memoryLabelsSchema.default({}),
    budget: budgetSchema.optional(),
  };
}

/** Refuses an attacker system prompt given both inline and by path. */
export function oneSystemPrompt(
  parameters: { adversarial_chat_system_prompt?: string; adversarial_chat_system_prompt_path?: string },
  context: z.RefinementCtx,
): void {
  if (
    parameters.adversarial_chat_system_prompt !== undefined &&
    parameters.adversarial_chat_system_prompt_path !== undefined
  ) {
    context.addIssue({
      code: 'custom',
      path: ['adversarial_chat_system_prompt_path'],
      message: 'Give the attacker system prompt inline or by path, not both.',
    });
  }
}

/** An inline attacker prompt must name the objective, or the attacker would not know what to pursue. */
export function systemPromptNamesObjective(
  parameters: { adversarial_chat_system_prompt?: string },
  context: z.RefinementCtx,
): void {
  const prompt = parameters.adversarial_chat_system_prompt;
  if (prompt !== undefined && !prompt.includes('{{objective}}')) {
    context.addIssue({
      code: 'custom',
      path: ['adversarial_chat_system_prompt'],
      message: 'must contain {{objective}}, where the objective is written in; otherwise the attacker never learns it.',
    });
  }
}
