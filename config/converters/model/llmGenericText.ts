import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const llmGenericTextSpecSchema = z
  .strictObject({
    type: z.literal('llm_generic_text').describe('Rewrite with your own instructions (PyRIT LLMGenericTextConverter).'),
    converter_target: converterTargetField,
    system_prompt: z.string().min(1).describe('The instructions the model gets as its system prompt.'),
    user_prompt_template: z
      .string()
      .regex(/\{\{\s*objective\s*\}\}/, 'must contain {{ objective }}, where the prompt goes')
      .optional()
      .describe('What the model is sent, with {{ objective }} for the prompt; the prompt alone if left out.'),
  })
  .describe('Sends the prompt to the converter model with your system prompt and uses its reply as the prompt.');

export type LlmGenericTextSpec = z.output<typeof llmGenericTextSpecSchema>;
