import type { UnicodeSubstitutionSpec } from '../../../config/converters/unicodeSubstitution';
import { ConversionError } from './conversionError';
import { pyritConverterIdentifier, type Converter } from './converter';

const CLASS_NAME = 'UnicodeSubstitutionConverter';

export function createUnicodeSubstitutionConverter(spec: UnicodeSubstitutionSpec): Converter {
  return {
    identifier: pyritConverterIdentifier(CLASS_NAME, 'unicode_sub_converter'),
    convert: (text) => {
      let shifted = '';
      for (const character of text) {
        const code = (character.codePointAt(0) ?? 0) + spec.start_value;
        // Python would raise past U+10FFFF; a lone surrogate it would make cannot be stored as UTF-8 at all.
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          throw new ConversionError(
            CLASS_NAME,
            `start_value ${spec.start_value} moves ${JSON.stringify(character)} to U+${code.toString(16).toUpperCase()}, which is not a character; use a smaller start_value`,
          );
        }
        shifted += String.fromCodePoint(code);
      }
      return shifted;
    },
  };
}
