import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const toneSpecSchema = z
  .strictObject({
    type: z.literal('tone').describe('Rewrite in another tone (PyRIT ToneConverter).'),
    converter_target: converterTargetField,
    tone: z.string().min(1).describe('The tone, e.g. angry, sarcastic, indifferent.'),
  })
  .describe('Asks the converter model to rewrite the prompt in tone, keeping its meaning.');

export type ToneSpec = z.output<typeof toneSpecSchema>;
