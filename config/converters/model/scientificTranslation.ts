import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const scientificModes = ['academic', 'technical', 'smiles', 'research', 'reaction', 'math', 'combined'] as const;

export const scientificTranslationSpecSchema = z
  .strictObject({
    type: z
      .literal('scientific_translation')
      .describe('Restate in scientific terms (PyRIT ScientificTranslationConverter).'),
    converter_target: converterTargetField,
    mode: z
      .enum(scientificModes)
      .default('combined')
      .describe('academic, technical, smiles (chemical notation), research, reaction, math, or combined.'),
  })
  .describe('Asks the converter model to restate the prompt in scientific or technical language.');

export type ScientificTranslationSpec = z.output<typeof scientificTranslationSpecSchema>;
