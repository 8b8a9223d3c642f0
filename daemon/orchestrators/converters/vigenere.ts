import type { VigenereSpec } from '../../../config/converters/vigenere';
import { pyritConverterIdentifier, type Converter } from './converter';

export function createVigenereConverter(spec: VigenereSpec): Converter {
  const shifts = Array.from(spec.key.toUpperCase(), (letter) => letter.charCodeAt(0) - 65);
  return {
    identifier: pyritConverterIdentifier('VigenereConverter', 'vigenere_converter'),
    convert: (text) => {
      let used = 0;
      // Only ASCII letters take a key letter; digits, spaces and é pass through without one.
      return text.replace(/[A-Za-z]/g, (letter) => {
        const base = letter <= 'Z' ? 65 : 97;
        const shift = shifts[used++ % shifts.length] ?? 0;
        return String.fromCharCode(((letter.charCodeAt(0) - base + shift) % 26) + base);
      });
    },
  };
}
