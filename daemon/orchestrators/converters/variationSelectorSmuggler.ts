import type { VariationSelectorSmugglerSpec } from '../../../config/converters/variationSelectorSmuggler';
import { pyritConverterIdentifier, type Converter } from './converter';

/** Bytes 0x00–0x0F are U+FE00–U+FE0F; 0x10–0xFF are U+E0100–U+E01EF (Paul Butler's scheme, as PyRIT has it). */
function selectorFor(byte: number): string {
  return String.fromCodePoint(byte < 16 ? 0xfe00 + byte : 0xe0100 + byte - 16);
}

function byteOf(code: number): number | undefined {
  if (code >= 0xfe00 && code <= 0xfe0f) return code - 0xfe00;
  if (code >= 0xe0100 && code <= 0xe01ef) return code - 0xe0100 + 16;
  return undefined;
}

/** The first run of selectors, read as UTF-8; broken UTF-8 becomes U+FFFD, as Python's errors="replace". */
export function readSelectors(text: string, skipSpaces: boolean): string {
  const bytes: number[] = [];
  for (const character of text) {
    if (skipSpaces && character === ' ') continue;
    const byte = byteOf(character.codePointAt(0) ?? 0);
    if (byte !== undefined) bytes.push(byte);
    else if (bytes.length > 0) break;
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

export function createVariationSelectorSmugglerConverter(spec: VariationSelectorSmugglerSpec): Converter {
  const separator = spec.embed_in_base ? '' : ' ';
  return {
    identifier: pyritConverterIdentifier(
      'VariationSelectorSmugglerConverter',
      'token_smuggling.variation_selector_smuggler_converter',
    ),
    convert: (text) =>
      spec.action === 'encode'
        ? spec.base_char + separator + Array.from(new TextEncoder().encode(text), selectorFor).join('')
        : readSelectors(text, !spec.embed_in_base),
  };
}
