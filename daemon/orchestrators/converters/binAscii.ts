import type { BinAsciiSpec } from '../../../config/converters/binAscii';
import { pyritConverterIdentifier, type Converter } from './converter';
import { quotedPrintable, uuencode } from './binAsciiCodecs';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function hex(word: string): string {
  return Array.from(utf8(word), (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/**
 * PyRIT encodes each space-separated word on its own and joins them with the encoding's own space: "20" in hex,
 * "=20" in quoted-printable, nothing in UUencode (each word is its own UU line).
 */
export function createBinAsciiConverter(spec: BinAsciiSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('BinAsciiConverter', 'bin_ascii_converter'),
    convert: (text) => {
      const words = text.split(' ');
      switch (spec.encoding_func) {
        case 'hex':
          return words.map(hex).join('20');
        case 'quoted-printable':
          return words.map((word) => quotedPrintable(utf8(word))).join('=20');
        case 'UUencode':
          // Each word's UU lines lose their last newline, so one word runs into the next, as in PyRIT.
          return words.map((word) => uuencode(utf8(word)).replace(/\n+$/, '')).join('');
      }
    },
  };
}
