import { z } from 'zod';
import { pyritConverterIdentifier, type Converter } from './converter';

export const caesarSpecSchema = z
  .strictObject({
    type: z.literal('caesar').describe('Caesar cipher (PyRIT CaesarConverter).'),
    caesar_offset: z
      .number()
      .int()
      .min(-25)
      .max(25)
      .describe('How far to shift, -25 to 25; negative shifts backwards. Digits shift too while |offset| < 10.'),
  })
  .describe('Caesar cipher: ASCII letters (case kept) and, for small offsets, digits shifted by caesar_offset.');

export type CaesarSpec = z.output<typeof caesarSpecSchema>;

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
