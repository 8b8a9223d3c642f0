import type { LeetspeakSpec } from '../../../config/converters/leetspeak';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pickOne, seededRandom } from './seededRandom';

/** PyRIT's default table, in its order: deterministic mode takes the first substitute. */
export const pyritLeetSubstitutions: Readonly<Record<string, readonly string[]>> = {
  a: ['4', '@', '/\\', '@', '^', '/-\\'],
  b: ['8', '6', '13', '|3', '/3', '!3'],
  c: ['(', '[', '<', '{'],
  e: ['3'],
  g: ['9'],
  i: ['1', '!'],
  l: ['1', '|'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
  z: ['2'],
};

export function createLeetspeakConverter(spec: LeetspeakSpec): Converter {
  const table: Readonly<Record<string, readonly string[]>> = spec.custom_substitutions ?? pyritLeetSubstitutions;
  return {
    identifier: pyritConverterIdentifier('LeetspeakConverter', 'leetspeak_converter'),
    convert: (text) => {
      const random = seededRandom(spec.seed);
      let converted = '';
      // PyRIT looks each character up lower-cased, so "L" becomes "1" too.
      for (const character of text) {
        const substitutes = Object.hasOwn(table, character.toLowerCase()) ? table[character.toLowerCase()] : undefined;
        const first = substitutes?.[0];
        if (substitutes === undefined || first === undefined) converted += character;
        else converted += spec.deterministic ? first : (pickOne(random, substitutes) ?? first);
      }
      return converted;
    },
  };
}
