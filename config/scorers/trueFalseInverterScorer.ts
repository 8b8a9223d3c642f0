import { z } from 'zod';
import { objectiveField } from './judging';

/** The spec, given the union of scorer specs it wraps one of (passed in, because that union includes this). */
export function trueFalseInverterScorerSpecSchema<Inner extends z.ZodType>(inner: () => Inner) {
  return z
    .strictObject({
      type: z
        .literal('true_false_inverter')
        .describe('True when the scorer it wraps says False, and the other way round (PyRIT TrueFalseInverterScorer).'),
      get scorer(): Inner {
        return inner();
      },
      category: z
        .string()
        .min(1)
        .optional()
        .describe("Category stored with the score; the wrapped scorer's unless given."),
      ...objectiveField,
    })
    .describe(
      "Inverts a true/false scorer. Its True means the opposite of the wrapped scorer's True: an inverted refusal scorer's True means jailbroken.",
    );
}
