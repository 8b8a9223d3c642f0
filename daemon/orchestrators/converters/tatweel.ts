import type { TatweelSpec } from '../../../config/converters/tatweel';
import { pyritConverterIdentifier, type Converter } from './converter';

const otherLetter = /^\p{Lo}$/u;

/** PyRIT's test: general category Lo inside the main Arabic block, U+0600–U+06FF (so not the tatweel, an Lm). */
function isArabicLetter(character: string | undefined): boolean {
  if (character === undefined) return false;
  const code = character.codePointAt(0) ?? 0;
  return code >= 0x600 && code <= 0x6ff && otherLetter.test(character);
}

export function createTatweelConverter(spec: TatweelSpec): Converter {
  const padding = '\u0640'.repeat(spec.tatweel_count);
  return {
    identifier: pyritConverterIdentifier('TatweelConverter', 'tatweel_converter'),
    convert: (text) => {
      const characters = Array.from(text);
      return characters
        .map((character, index) =>
          isArabicLetter(character) && isArabicLetter(characters[index + 1]) ? character + padding : character,
        )
        .join('');
    },
  };
}
