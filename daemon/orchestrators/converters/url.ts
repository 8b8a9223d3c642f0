import type { UrlSpec } from '../../../config/converters/url';
import { pyritConverterIdentifier, type Converter } from './converter';

/** Left as they are by `urllib.parse.quote`: letters, digits, `_.-~`, and `/` (its default `safe`). */
const unescaped = /^[A-Za-z0-9_.\-~/]$/;

/**
 * Python's `urllib.parse.quote(text)`. `encodeURIComponent` is close but not it: it keeps `!'()*` and
 * escapes `/`.
 */
export function urlQuote(text: string): string {
  let quoted = '';
  for (const byte of new TextEncoder().encode(text)) {
    const character = String.fromCharCode(byte);
    const escaped = `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    quoted += byte < 0x80 && unescaped.test(character) ? character : escaped;
  }
  return quoted;
}

export function createUrlConverter(_spec: UrlSpec): Converter {
  return { identifier: pyritConverterIdentifier('UrlConverter', 'url_converter'), convert: urlQuote };
}
