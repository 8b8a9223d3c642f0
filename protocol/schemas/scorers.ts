import { z } from 'zod';

export const ScorerTypeList = z.strictObject({
  scorers: z.array(
    z.strictObject({
      type: z.string().describe('The `type` of a scorer spec in a config.'),
      pyrit_class: z.string().nullable().describe('The PyRIT class it is; null when it has no PyRIT counterpart.'),
      identifier: z
        .strictObject({ __type__: z.string(), __module__: z.string() })
        .describe('What its scores store as scorer_class_identifier, before true_means / objective / threshold.'),
      description: z.string(),
      score_type: z.enum(['true_false', 'float_scale']),
      needs_model: z.boolean().describe('Whether it asks a judge model (its spec takes a chat_target).'),
      true_means: z
        .enum(['success', 'held'])
        .nullable()
        .describe('What its True means for the attack by default; null when the wrapped scorer decides.'),
      polarity: z
        .enum(['fixed', 'configurable', 'inherited', 'inverted'])
        .describe(
          'fixed: the class decides; configurable: the spec’s true_means; inherited / inverted: the wrapped scorer’s, kept or flipped.',
        ),
      parameters_schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the scorer spec.'),
    }),
  ),
});
