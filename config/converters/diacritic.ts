import { z } from 'zod';

export const diacriticSpecSchema = z
  .strictObject({
    type: z.literal('diacritic').describe('Add accents to chosen characters (PyRIT DiacriticConverter).'),
    target_chars: z
      .string()
      .min(1)
      .default('aeiou')
      .describe('The characters that get the accent; "aeiou" by default.'),
    accent: z
      .enum(['acute', 'grave', 'tilde', 'umlaut'])
      .default('acute')
      .describe('Which combining mark: acute ´, grave `, tilde ˜ or umlaut ¨.'),
  })
  .describe('Adds the accent to every target character, composed where Unicode has one (NFC): "hello" → "héllo".');

export type DiacriticSpec = z.output<typeof diacriticSpecSchema>;
