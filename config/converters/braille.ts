import { z } from 'zod';

export const brailleSpecSchema = z
  .strictObject({
    type: z.literal('braille').describe('Unicode Braille (PyRIT BrailleConverter).'),
  })
  .describe('Writes letters, digits and common punctuation as Braille patterns; other characters are dropped.');

export type BrailleSpec = z.output<typeof brailleSpecSchema>;
