import { z } from 'zod';
import { pyritConverterIdentifier, type Converter } from './converter';

export const atbashSpecSchema = z
  .strictObject({
    type: z.literal('atbash').describe('Atbash cipher (PyRIT AtbashConverter).'),
  })
  .describe('Atbash: each ASCII letter mirrored in its alphabet (a↔z, case kept) and each digit too (0↔9).');

export type AtbashSpec = z.output<typeof atbashSpecSchema>;

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
