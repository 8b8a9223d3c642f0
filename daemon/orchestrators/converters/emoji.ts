import type { EmojiSpec } from '../../../config/converters/emoji';
import { pyritConverterIdentifier, type Converter } from './converter';
import { convertWords } from './pythonWords';
import { pickOne, seededRandom } from './seededRandom';

/**
 * PyRIT's choices per letter: negative circled (U+1F150…), negative squared (U+1F170…, four of them as the emoji
 * with U+FE0F, as PyRIT lists them) and squared (U+1F130…).
 */
function enclosedForms(letter: string): readonly string[] {
  const offset = letter.charCodeAt(0) - 97;
  const negativeSquared = String.fromCodePoint(0x1f170 + offset);
  const emojiStyle = 'abop'.includes(letter) ? `${negativeSquared}\ufe0f` : negativeSquared;
  return [String.fromCodePoint(0x1f150 + offset), emojiStyle, String.fromCodePoint(0x1f130 + offset)];
}

const forms: ReadonlyMap<string, readonly string[]> = new Map(
  Array.from('abcdefghijklmnopqrstuvwxyz', (letter) => [letter, enclosedForms(letter)]),
);

export function createEmojiConverter(spec: EmojiSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('EmojiConverter', 'emoji_converter'),
    convert: (text) => {
      const random = seededRandom(spec.seed);
      return convertWords(text, (word) =>
        Array.from(word.toLowerCase(), (character) => {
          const options = forms.get(character);
          return options === undefined ? character : (pickOne(random, options) ?? character);
        }).join(''),
      );
    },
  };
}
