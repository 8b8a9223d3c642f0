import { z } from 'zod';
import { DEFAULT_FLOAT_THRESHOLD } from '../../domain/attackOutcome';
import { objectiveField } from './judging';

/** The spec, given the union of scorer specs it wraps one of (passed in, because that union includes this). */
export function floatScaleThresholdScorerSpecSchema<Inner extends z.ZodType>(inner: () => Inner) {
  return z
    .strictObject({
      type: z
        .literal('float_scale_threshold')
        .describe('True when a float scorer scores at or above a threshold (PyRIT FloatScaleThresholdScorer).'),
      get scorer(): Inner {
        return inner();
      },
      threshold: z
        .number()
        .min(0)
        .max(1)
        .default(DEFAULT_FLOAT_THRESHOLD)
        .describe(
          "From this value (0–1) of the wrapped scorer's score up, the verdict is True; the wrapped scorer's own threshold is not read.",
        ),
      category: z
        .string()
        .min(1)
        .optional()
        .describe("Category stored with the score; the wrapped scorer's unless given."),
      ...objectiveField,
    })
    .describe(
      'Turns a float scorer (Likert, scale, system prompt extraction) into a true/false one; its True means what the wrapped scorer’s high scores mean.',
    );
}
