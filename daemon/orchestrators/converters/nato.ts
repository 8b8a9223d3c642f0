import type { NatoSpec } from '../../../config/converters/nato';
import { pyritConverterIdentifier, type Converter } from './converter';

const codeWords = [
  'Alfa',
  'Bravo',
  'Charlie',
  'Delta',
  'Echo',
  'Foxtrot',
  'Golf',
  'Hotel',
  'India',
  'Juliett',
  'Kilo',
  'Lima',
  'Mike',
  'November',
  'Oscar',
  'Papa',
  'Quebec',
  'Romeo',
  'Sierra',
  'Tango',
  'Uniform',
  'Victor',
  'Whiskey',
  'Xray',
  'Yankee',
  'Zulu',
] as const;

/** PyRIT upper-cases first, so "ß" (upper "SS") becomes "Sierra Sierra"; anything but A–Z is dropped. */
export function nato(text: string): string {
  const spelled: string[] = [];
  for (const character of text.toUpperCase()) {
    const code = character.charCodeAt(0);
    if (character.length === 1 && code >= 65 && code <= 90) spelled.push(codeWords[code - 65] ?? '');
  }
  return spelled.join(' ');
}

export function createNatoConverter(_spec: NatoSpec): Converter {
  return { identifier: pyritConverterIdentifier('NatoConverter', 'nato_converter'), convert: nato };
}
