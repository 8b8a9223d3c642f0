import type { CharSwapSpec } from '../../../config/converters/charSwap';
import { ASCII_PUNCTUATION } from '../../../config/converters/insertPunctuation';
import { pyritConverterIdentifier, type Converter } from './converter';
import { convertWords, pythonSplit } from './pythonWords';
import { randomInt, sampleIndices, seededRandom, type Random } from './seededRandom';

/** PyRIT's perturbation: in a word of more than 3 code points, a character at 1…len−2 swaps with the next. */
function swapInside(random: Random, word: string): string {
  const characters = Array.from(word);
  if (characters.length <= 3 || ASCII_PUNCTUATION.includes(word)) return word;
  const at = randomInt(random, 1, characters.length - 2);
  [characters[at], characters[at + 1]] = [characters[at + 1] ?? '', characters[at] ?? ''];
  return characters.join('');
}

export function createCharSwapConverter(spec: CharSwapSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('CharSwapConverter', 'charswap_attack_converter'),
    convert: (text) => {
      const random = seededRandom(spec.seed);
      const count = pythonSplit(text).length;
      // int(len(words) * proportion) words, drawn without repeats, as PyRIT's WordProportionSelectionStrategy.
      const picked = new Set(sampleIndices(random, count, Math.trunc(count * spec.proportion)));
      return convertWords(text, (word, index) => (picked.has(index) ? swapInside(random, word) : word));
    },
  };
}
