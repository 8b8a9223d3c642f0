import type { UnicodeReplacementSpec } from '../../../config/converters/unicodeReplacement';
import { pyritConverterIdentifier, type Converter } from './converter';

/** Python's `f"\\u{ord(ch):04x}"`: at least four lower-case hex digits, five or six past U+FFFF. */
function escapeWord(word: string): string {
  return Array.from(word, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join(
    '',
  );
}

/** PyRIT splits on single spaces and rejoins with them (or with "\u0020"); other whitespace is escaped too. */
export function createUnicodeReplacementConverter(spec: UnicodeReplacementSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('UnicodeReplacementConverter', 'unicode_replacement_converter'),
    convert: (text) =>
      text
        .split(' ')
        .map(escapeWord)
        .join(spec.encode_spaces ? '\\u0020' : ' '),
  };
}
