import type { CharacterSpaceSpec } from '../../../config/converters/characterSpace';
import { pyritConverterIdentifier, type Converter } from './converter';

/**
 * PyRIT's pattern is meant to be Python's `string.punctuation`, but its `[\\]` escapes the `]` rather than
 * adding a backslash, so `\` survives. Kept as is: rows must match what PyRIT would have sent.
 */
const pyritPunctuation = /[!"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~]/g;

/** Joins by code point, as Python's `" ".join(prompt)` does. */
export function characterSpace(text: string): string {
  return Array.from(text).join(' ').replace(pyritPunctuation, '');
}

export function createCharacterSpaceConverter(_spec: CharacterSpaceSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('CharacterSpaceConverter', 'character_space_converter'),
    convert: characterSpace,
  };
}
