import type { FirstLetterSpec } from '../../../config/converters/firstLetter';
import { pyritConverterIdentifier, type Converter } from './converter';
import { isPythonAlnum, pythonSplit } from './pythonWords';

/** A word with no letter or digit (a lone "—") contributes nothing, not an empty slot. */
export function createFirstLetterConverter(spec: FirstLetterSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('FirstLetterConverter', 'first_letter_converter'),
    convert: (text) =>
      pythonSplit(text)
        .map((word) => Array.from(word).find(isPythonAlnum) ?? '')
        .filter((letter) => letter !== '')
        .join(spec.letter_separator),
  };
}
