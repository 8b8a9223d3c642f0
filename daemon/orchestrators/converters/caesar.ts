import type { CaesarSpec } from '../../../config/converters/caesar';
import { pyritConverterIdentifier, type Converter } from './converter';

const alphabets = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'] as const;

/**
 * PyRIT builds its table from `alphabet[offset:] + alphabet[:offset]` for letters and digits alike. Python
 * slicing makes that a rotation while |offset| is below the alphabet's length and the identity beyond it, so
 * digits shift for offsets -9…9 and stay put otherwise ("Hello 123" with offset 1 is "Ifmmp 234").
 */
function shiftTable(offset: number): Map<string, string> {
  const table = new Map<string, string>();
  for (const alphabet of alphabets) {
    const shift = Math.abs(offset) < alphabet.length ? offset : 0;
    const size = alphabet.length;
    for (let i = 0; i < size; i += 1) {
      table.set(alphabet.charAt(i), alphabet.charAt((((i + shift) % size) + size) % size));
    }
  }
  return table;
}

export function createCaesarConverter(spec: CaesarSpec): Converter {
  const table = shiftTable(spec.caesar_offset);
  return {
    identifier: pyritConverterIdentifier('CaesarConverter', 'caesar_converter'),
    convert: (text) => text.replace(/[a-zA-Z0-9]/g, (character) => table.get(character) ?? character),
  };
}
