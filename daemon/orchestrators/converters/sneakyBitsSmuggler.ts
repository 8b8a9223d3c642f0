import type { SneakyBitsSmugglerSpec } from '../../../config/converters/sneakyBitsSmuggler';
import { pyritConverterIdentifier, type Converter } from './converter';

export function createSneakyBitsSmugglerConverter(spec: SneakyBitsSmugglerSpec): Converter {
  const { zero_char: zero, one_char: one } = spec;
  const encode = (text: string): string => {
    let bits = '';
    for (const byte of new TextEncoder().encode(text)) {
      for (let bit = 7; bit >= 0; bit -= 1) bits += (byte >> bit) & 1 ? one : zero;
    }
    return bits;
  };
  // Other characters are ignored and an incomplete last byte is dropped, as PyRIT's decoder does.
  const decode = (text: string): string => {
    const bits = Array.from(text).filter((character) => character === zero || character === one);
    const bytes = new Uint8Array(Math.floor(bits.length / 8));
    bytes.forEach((_, index) => {
      let byte = 0;
      for (let bit = 0; bit < 8; bit += 1) byte = (byte << 1) | (bits[index * 8 + bit] === one ? 1 : 0);
      bytes[index] = byte;
    });
    return new TextDecoder('utf-8').decode(bytes);
  };
  return {
    identifier: pyritConverterIdentifier(
      'SneakyBitsSmugglerConverter',
      'token_smuggling.sneaky_bits_smuggler_converter',
    ),
    convert: (text) => (spec.action === 'encode' ? encode(text) : decode(text)),
  };
}
