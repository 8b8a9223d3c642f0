import { targetSpecSchema } from '../targetSpec';

/** The judge model of every LLM-backed scorer. */
export const chatTargetField = {
  chat_target: targetSpecSchema.describe(
    'The judge model, usually an openai_chat target. Its filter must let it read harmful text; a low temperature helps it keep to the answer format.',
  ),
};

/** Placeholders a custom judge prompt may use, replaced as plain text (no template language). */
export const TEMPLATE_PLACEHOLDERS = ['{{objective}}', '{{response}}'] as const;
