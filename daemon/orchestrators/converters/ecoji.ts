import type { EcojiSpec } from '../../../config/converters/ecoji';
import { pyritConverterIdentifier, type Converter } from './converter';
import { ecojiEmojis, ecojiPadding, ecojiPaddingLast } from './ecojiAlphabet';

/** ecoji-py's default wrap, which PyRIT keeps: a line break after every 76 emojis. */
const WRAP = 76;

/**
 * Ecoji version 1 as the `ecoji` package PyRIT calls writes it: each group of five bytes (40 bits) becomes four
 * emojis of 10 bits; a shorter final group is padded to four, its fourth emoji carrying a four-byte group's last
 * two bits. A line break follows every 76 emojis and ends any unfinished line.
 */
export function encodeEcoji(bytes: Uint8Array): string {
  let out = '';
  let onLine = 0;
  for (let start = 0; start < bytes.length; start += 5) {
    const group = bytes.subarray(start, start + 5);
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = group;
    const codes = [
      ecojiEmojis[(b0 << 2) | (b1 >> 6)],
      group.length > 1 ? ecojiEmojis[((b1 & 0x3f) << 4) | (b2 >> 4)] : ecojiPadding,
      group.length > 2 ? ecojiEmojis[((b2 & 0x0f) << 6) | (b3 >> 2)] : ecojiPadding,
      lastOfGroup(group.length, b3, b4),
    ];
    out += String.fromCodePoint(...codes);
    onLine += 4;
    if (onLine >= WRAP) {
      out += '\n';
      onLine = 0;
    }
  }
  return onLine > 0 ? `${out}\n` : out;
}

function lastOfGroup(length: number, b3: number, b4: number): number {
  if (length === 5) return ecojiEmojis[((b3 & 0x03) << 8) | b4];
  if (length === 4) return ecojiPaddingLast[b3 & 0x03];
  return ecojiPadding;
}

export function createEcojiConverter(_spec: EcojiSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('EcojiConverter', 'ecoji_converter'),
    convert: (text) => encodeEcoji(Buffer.from(text, 'utf8')),
  };
}
