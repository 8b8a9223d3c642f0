import type { UnicodeConfusableSpec } from '../../../config/converters/unicodeConfusable';
import { confusables } from './confusableTable';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pickOne, seededRandom } from './seededRandom';

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
