import { z } from 'zod';
import { converterTargetField } from './converterTarget';

export const noiseSpecSchema = z
  .strictObject({
    type: z.literal('noise').describe('Add typos and noise (PyRIT NoiseConverter).'),
    converter_target: converterTargetField,
    noise: z
      .string()
      .min(1)
      .default('Grammar error, Delete random letter')
      .describe("What kind of noise; PyRIT's default is grammar errors and deleted letters."),
    number_errors: z.number().int().min(1).max(100).default(5).describe('How many errors to introduce; 5 by default.'),
  })
  .describe('Asks the converter model to introduce number_errors errors of the kind noise into the prompt.');

export type NoiseSpec = z.output<typeof noiseSpecSchema>;
