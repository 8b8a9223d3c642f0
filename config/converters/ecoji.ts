import { z } from 'zod';

export const ecojiSpecSchema = z
  .strictObject({
    type: z.literal('ecoji').describe('Ecoji-encode the UTF-8 bytes of the prompt as emojis (PyRIT EcojiConverter).'),
  })
  .describe(
    'Ecoji (version 1, as PyRIT) of the prompt as UTF-8: 10 bits per emoji, padded, a line break every 76 emojis and at the end.',
  );

export type EcojiSpec = z.output<typeof ecojiSpecSchema>;
