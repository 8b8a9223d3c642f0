import type { AtbashSpec } from '../../../config/converters/atbash';
import { pyritConverterIdentifier, type Converter } from './converter';

/** PyRIT mirrors digits as well as letters: "Hello 123" becomes "Svool 876". */
export function atbash(text: string): string {
  return text.replace(/[a-zA-Z0-9]/g, (character) => {
    const code = character.charCodeAt(0);
    if (character <= '9') return String.fromCharCode(48 + 57 - code);
    if (character <= 'Z') return String.fromCharCode(65 + 90 - code);
    return String.fromCharCode(97 + 122 - code);
  });
}

export function createAtbashConverter(_spec: AtbashSpec): Converter {
  return { identifier: pyritConverterIdentifier('AtbashConverter', 'atbash_converter'), convert: atbash };
}
