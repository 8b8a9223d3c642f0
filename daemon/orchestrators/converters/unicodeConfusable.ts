import { z } from 'zod';
import { confusables } from './confusableTable';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pickOne, seededRandom } from './seededRandom';

export const unicodeConfusableSpecSchema = z
  .strictObject({
    type: z
      .literal('unicode_confusable')
      .describe('Swap letters for Unicode look-alikes (PyRIT UnicodeConfusableConverter).'),
    deterministic: z
      .boolean()
      .default(true)
      .describe('Always use the best look-alike of each character; false picks one at random per character.'),
    seed: z
      .number()
      .int()
      .optional()
      .describe('Seed for the random picks when deterministic is false, so a run can be repeated exactly.'),
  })
  .describe('Replaces ASCII letters and digits with look-alikes that are other characters (Latin a → Cyrillic а).');

export type UnicodeConfusableSpec = z.output<typeof unicodeConfusableSpecSchema>;

/**
 * PyRIT defaults to random picks and calls `deterministic` a testing aid; we default to deterministic because
 * a red-team run that can be repeated exactly is worth more, and `seed` gives variety that is repeatable too.
 */
export function createUnicodeConfusableConverter(spec: UnicodeConfusableSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('UnicodeConfusableConverter', 'unicode_confusable_converter'),
    convert: (text) => {
      const random = seededRandom(spec.seed);
      let converted = '';
      for (const character of text) {
        const options = confusables.get(character);
        if (options === undefined) converted += character;
        else converted += spec.deterministic ? options[0] : (pickOne(random, options) ?? options[0]);
      }
      return converted;
    },
  };
}
