import type { DiacriticSpec } from '../../../config/converters/diacritic';
import { pyritConverterIdentifier, type Converter } from './converter';

const marks: Readonly<Record<DiacriticSpec['accent'], string>> = {
  acute: '\u0301',
  grave: '\u0300',
  tilde: '\u0303',
  umlaut: '\u0308',
};

export function createDiacriticConverter(spec: DiacriticSpec): Converter {
  const targets = new Set(Array.from(spec.target_chars));
  const mark = marks[spec.accent];
  return {
    identifier: pyritConverterIdentifier('DiacriticConverter', 'diacritic_converter'),
    convert: (text) =>
      Array.from(text, (character) => (targets.has(character) ? (character + mark).normalize('NFC') : character)).join(
        '',
      ),
  };
}
