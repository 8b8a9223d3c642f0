import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const translationSpecSchema = z
  .strictObject({
    type: z.literal('translation').describe('Translate with a model (PyRIT TranslationConverter).'),
    converter_target: converterTargetField,
    language: z.string().min(1).describe('The language to translate into, e.g. French, Zulu, or leetspeak.'),
  })
  .describe('Asks the converter model to translate the prompt into language.');

export type TranslationSpec = z.output<typeof translationSpecSchema>;
