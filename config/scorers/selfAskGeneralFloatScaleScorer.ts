import { z } from 'zod';
import { objectiveField, thresholdField, trueMeansField } from './judging';
import { chatTargetField } from './judgeTarget';
import { judgeTemplateFields } from './judgeTemplate';

export const selfAskGeneralFloatScaleScorerSpecSchema = z
  .strictObject({
    type: z
      .literal('self_ask_general_float_scale')
      .describe('A judge model answers your own rating prompt with a number (PyRIT SelfAskGeneralFloatScaleScorer).'),
    ...chatTargetField,
    ...judgeTemplateFields,
    minimum_value: z.number().min(-1e6).max(1e6).default(0).describe('Lowest value the judge may answer.'),
    maximum_value: z.number().min(-1e6).max(1e6).default(100).describe('Highest value the judge may answer.'),
    category: z.string().default('').describe('Category stored with the score.'),
    ...objectiveField,
    ...thresholdField,
    ...trueMeansField,
  })
  .refine((spec) => spec.maximum_value > spec.minimum_value, {
    path: ['maximum_value'],
    message: 'must be greater than minimum_value',
  })
  .describe(
    'Asks a judge model with your system prompt for a number from minimum_value to maximum_value, stored scaled to "0.0"–"1.0"; at or above threshold it reads as True, which true_means interprets.',
  );

export type SelfAskGeneralFloatScaleScorerSpec = z.output<typeof selfAskGeneralFloatScaleScorerSpecSchema>;
