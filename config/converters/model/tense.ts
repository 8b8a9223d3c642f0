import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const tenseSpecSchema = z
  .strictObject({
    type: z.literal('tense').describe('Rewrite in another tense (PyRIT TenseConverter).'),
    converter_target: converterTargetField,
    tense: z.string().min(1).describe('The tense, e.g. past or future ("how did people…" often gets past a refusal).'),
  })
  .describe('Asks the converter model to rewrite the prompt in tense, keeping its meaning.');

export type TenseSpec = z.output<typeof tenseSpecSchema>;
