import type { Rot13Spec } from '../../../config/converters/rot13';
import { pyritConverterIdentifier, type Converter } from './converter';

/** Python's `codecs.encode(text, "rot13")`, which PyRIT uses: ASCII letters only, so é or Ω pass through. */
export function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (letter) => {
    const base = letter <= 'Z' ? 65 : 97;
    return String.fromCharCode(((letter.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export function createRot13Converter(_spec: Rot13Spec): Converter {
  // PyRIT applies it word by word and rejoins with single spaces; per character keeps the prompt's whitespace.
  return { identifier: pyritConverterIdentifier('ROT13Converter', 'rot13_converter'), convert: rot13 };
}
