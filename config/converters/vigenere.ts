import { z } from 'zod';

export const vigenereSpecSchema = z
  .strictObject({
    type: z.literal('vigenere').describe('Vigenère cipher (PyRIT VigenereConverter).'),
    key: z
      .string()
      .regex(/^[A-Za-z]+$/, 'ASCII letters only, at least one')
      .describe('The keyword; each letter shifts by its place in the alphabet (A = 0), case ignored.'),
  })
  .describe('Shifts ASCII letters by the repeating key (case kept); other characters pass and use no key letter.');

export type VigenereSpec = z.output<typeof vigenereSpecSchema>;
