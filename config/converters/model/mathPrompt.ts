import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const mathPromptSpecSchema = z
  .strictObject({
    type: z.literal('math_prompt').describe('Encode the prompt as a math problem (PyRIT MathPromptConverter).'),
    converter_target: converterTargetField,
  })
  .describe('Asks the converter model to restate the prompt as a symbolic math problem (set theory, algebra).');

export type MathPromptSpec = z.output<typeof mathPromptSpecSchema>;
