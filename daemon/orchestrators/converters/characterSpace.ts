import { z } from 'zod';
import { pyritConverterIdentifier, type Converter } from './converter';

export const characterSpaceSpecSchema = z
  .strictObject({
    type: z
      .literal('character_space')
      .describe('Space out characters and drop punctuation (PyRIT CharacterSpaceConverter).'),
  })
  .describe('Puts a space between every two characters, then removes ASCII punctuation except the backslash.');

export type CharacterSpaceSpec = z.output<typeof characterSpaceSpecSchema>;

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
