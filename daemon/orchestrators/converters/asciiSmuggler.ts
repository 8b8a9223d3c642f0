import type { AsciiSmugglerSpec } from '../../../config/converters/asciiSmuggler';
import { pyritConverterIdentifier, type Converter } from './converter';

const TAG_BASE = 0xe0000;

/** Printable ASCII (0x20–0x7E) to tag characters; anything else is dropped, as PyRIT drops it. */
export function smuggleAscii(text: string, withTags: boolean): string {
  let encoded = withTags ? String.fromCodePoint(0xe0001) : '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) encoded += String.fromCodePoint(TAG_BASE + code);
  }
  return withTags ? encoded + String.fromCodePoint(0xe007f) : encoded;
}

/** Keeps only the tag characters that stand for printable ASCII: everything visible is dropped. */
export function unsmuggleAscii(text: string): string {
  let decoded = '';
  for (const character of text) {
    const code = (character.codePointAt(0) ?? 0) - TAG_BASE;
    if (code >= 0x20 && code <= 0x7e) decoded += String.fromCharCode(code);
  }
  return decoded;
}

export function createAsciiSmugglerConverter(spec: AsciiSmugglerSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('AsciiSmugglerConverter', 'token_smuggling.ascii_smuggler_converter'),
    convert: (text) => (spec.action === 'encode' ? smuggleAscii(text, spec.unicode_tags) : unsmuggleAscii(text)),
  };
}
