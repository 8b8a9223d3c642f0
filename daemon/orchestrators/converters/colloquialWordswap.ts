import type { ColloquialWordswapSpec } from '../../../config/converters/colloquialWordswap';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pythonWhitespace } from './pythonWords';
import { pickOne, seededRandom } from './seededRandom';

/** PyRIT's default table (its singaporean.yaml): Malay, Hokkien, Mandarin and Tamil words used in Singapore. */
const singaporean: Readonly<Record<string, readonly string[]>> = {
  father: ['papa', 'lao bei', 'lim pei', 'bapa', 'appa'],
  mother: ['mama', 'amma', 'ibu'],
  grandfather: ['ah gong', 'thatha', 'dato'],
  grandmother: ['ah ma', 'patti', 'nenek'],
  girl: ['ah ger', 'ponnu'],
  boy: ['ah boy', 'boi', 'payyan'],
  son: ['ah boy', 'boi', 'payyan'],
  daughter: ['ah ger', 'ponnu'],
  aunt: ['makcik', 'maami'],
  aunty: ['makcik', 'maami'],
  man: ['ah beng', 'shuai ge'],
  woman: ['ah lian', 'xiao mei'],
  uncle: ['encik', 'unker'],
  sister: ['xjj', 'jie jie', 'zhezhe', 'kaka', 'akka', 'thangatchi'],
  brother: ['bro', 'boiboi', 'di di', 'xdd', 'anneh', 'thambi'],
};

/** Python's `re.findall(r"\w+|\S+", prompt)`: "(father)" is one token, so it is not swapped. */
const tokens = new RegExp(`[\\p{L}\\p{N}_]+|[^${pythonWhitespace}]+`, 'gu');

/**
 * PyRIT rejoins the tokens with single spaces and then removes the space before ? . ! , ' and ", so punctuation
 * sticks to its word again ("father!" stays together; "a - b" keeps its spaces).
 */
export function createColloquialWordswapConverter(spec: ColloquialWordswapSpec): Converter {
  const table: Readonly<Record<string, readonly string[]>> = spec.custom_substitutions ?? singaporean;
  return {
    identifier: pyritConverterIdentifier('ColloquialWordswapConverter', 'colloquial_wordswap_converter'),
    convert: (text) => {
      const random = seededRandom(spec.seed);
      const swapped = (text.match(tokens) ?? []).map((token) => {
        const options = Object.hasOwn(table, token.toLowerCase()) ? table[token.toLowerCase()] : undefined;
        const first = options?.[0];
        if (options === undefined || first === undefined) return token;
        return spec.deterministic ? first : (pickOne(random, options) ?? first);
      });
      return swapped
        .join(' ')
        .replace(/\s([?.!,'"])/g, '$1')
        .trim();
    },
  };
}
