import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const persuasionTechniques = [
  'authority_endorsement',
  'evidence_based',
  'expert_endorsement',
  'logical_appeal',
  'misrepresentation',
] as const;

export const persuasionSpecSchema = z
  .strictObject({
    type: z.literal('persuasion').describe('Rewrite with a persuasion technique (PyRIT PersuasionConverter).'),
    converter_target: converterTargetField,
    persuasion_technique: z
      .enum(persuasionTechniques)
      .describe('The technique (from the persuasive adversarial prompts taxonomy).'),
  })
  .describe('Asks the converter model to rephrase the prompt persuasively; it answers {"mutated_text": "…"}.');

export type PersuasionSpec = z.output<typeof persuasionSpecSchema>;
