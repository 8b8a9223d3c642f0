import { z } from 'zod';

export const morseSpecSchema = z
  .strictObject({
    type: z.literal('morse').describe('Morse code (PyRIT MorseConverter).'),
  })
  .describe('Morse code: letters space-separated, words by "/", a character Morse lacks as "........".');

export type MorseSpec = z.output<typeof morseSpecSchema>;
