import { z } from 'zod';
import { seedField } from '../fields';
import { converterTargetField } from './converterTarget';

export const randomTranslationSpecSchema = z
  .strictObject({
    type: z
      .literal('random_translation')
      .describe('Translate each word into a random language (PyRIT RandomTranslationConverter).'),
    converter_target: converterTargetField,
    languages: z
      .array(z.string().min(1))
      .min(1)
      .default(['French', 'Spanish', 'German', 'Italian', 'Portuguese', 'Chinese', 'Japanese', 'Russian'])
      .describe('The languages words are translated into, one picked at random per word.'),
    seed: seedField,
  })
  .describe('Picks a language for every word at random and asks the converter model to translate word by word.');

export type RandomTranslationSpec = z.output<typeof randomTranslationSpecSchema>;
