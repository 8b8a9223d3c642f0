import type { MorseSpec } from '../../../config/converters/morse';
import { pyritConverterIdentifier, type Converter } from './converter';
import { morseCodes } from './morseTable';

/** What PyRIT sends for a character Morse has no code for. */
const unknownCharacter = '........';

/** Python's `str.splitlines()` boundaries. */
// eslint-disable-next-line no-control-regex -- Python counts the file, group and record separators as line breaks.
const lineBreaks = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;

/**
 * PyRIT joins the stripped lines with single spaces, upper-cases, then codes each character. Its table lists Æ
 * under the key " Æ" (a typo that makes Python raise KeyError on Æ); we give Æ the code the entry meant.
 */
export function morse(text: string): string {
  const oneLine = text
    .split(lineBreaks)
    .map((line) => line.trim())
    .join(' ');
  return Array.from(oneLine.toUpperCase(), (character) => morseCodes.get(character) ?? unknownCharacter).join(' ');
}

export function createMorseConverter(_spec: MorseSpec): Converter {
  return { identifier: pyritConverterIdentifier('MorseConverter', 'morse_converter'), convert: morse };
}
