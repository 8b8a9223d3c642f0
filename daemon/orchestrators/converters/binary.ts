import type { BinarySpec } from '../../../config/converters/binary';
import { ConversionError } from './conversionError';
import { pyritConverterIdentifier, type Converter } from './converter';

const CLASS_NAME = 'BinaryConverter';

/** Python's `format(ord(char), "016b")` for each code point, space-separated (PyRIT's documented output). */
export function createBinaryConverter(spec: BinarySpec): Converter {
  const bits = spec.bits_per_char;
  return {
    identifier: pyritConverterIdentifier(CLASS_NAME, 'binary_converter'),
    convert: (text) =>
      Array.from(text, (character) => {
        const code = character.codePointAt(0) ?? 0;
        const binary = code.toString(2);
        // PyRIT refuses a prompt whose largest code point needs more bits than configured.
        if (binary.length > bits) {
          throw new ConversionError(
            CLASS_NAME,
            `bits_per_char ${bits} is too small for ${JSON.stringify(character)}, which needs ${binary.length} bits`,
          );
        }
        return binary.padStart(bits, '0');
      }).join(' '),
  };
}
