import { z } from 'zod';

const jsonKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a JSON key: letters, digits and _');

/** The fields of the general self-ask scorers, whose judge prompt the user writes. */
export const judgeTemplateFields = {
  system_prompt: z
    .string()
    .min(1)
    .max(100_000)
    .describe(
      "The judge's instructions, including the answer format. {{objective}} is replaced by the attack's objective (empty when none).",
    ),
  prompt_template: z
    .string()
    .min(1)
    .max(100_000)
    .refine((template) => template.includes('{{response}}'), 'must contain {{response}}, where the response goes')
    .default('{{response}}')
    .describe(
      'The user message sent to the judge: {{response}} is the response to judge, {{objective}} the objective.',
    ),
  score_value_key: jsonKey.default('score_value').describe('Key of the verdict in the JSON the judge answers.'),
  rationale_key: jsonKey.default('rationale').describe('Key of the reasoning in the JSON the judge answers.'),
};
