import type { ZalgoSpec } from '../../../config/converters/zalgo';
import { pyritConverterIdentifier, type Converter } from './converter';
import { isPythonAlnum } from './pythonWords';
import { randomInt, seededRandom } from './seededRandom';

/** The combining diacritical marks block, U+0300–U+036F, which PyRIT draws from. */
const MARK_FIRST = 0x300;
const MARK_COUNT = 0x70;

export function createZalgoConverter(spec: ZalgoSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('ZalgoConverter', 'zalgo_converter'),
    convert: (text) => {
      if (spec.intensity === 0) return text;
      const random = seededRandom(spec.seed);
      return Array.from(text, (character) => {
        if (!isPythonAlnum(character)) return character;
        let marks = '';
        for (let count = randomInt(random, 1, spec.intensity); count > 0; count -= 1) {
          marks += String.fromCodePoint(MARK_FIRST + Math.floor(random() * MARK_COUNT));
        }
        return character + marks;
      }).join('');
    },
  };
}
