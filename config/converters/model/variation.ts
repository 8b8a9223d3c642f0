import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const variationSpecSchema = z
  .strictObject({
    type: z.literal('variation').describe('A paraphrase of the prompt (PyRIT VariationConverter).'),
    converter_target: converterTargetField,
  })
  .describe('Asks the converter model for one variation of the prompt, as a JSON list holding one string.');

export type VariationSpec = z.output<typeof variationSpecSchema>;
