import { z } from 'zod';

export const natoSpecSchema = z
  .strictObject({
    type: z.literal('nato').describe('NATO phonetic alphabet (PyRIT NatoConverter).'),
  })
  .describe(
    'Spells ASCII letters as NATO code words, space-separated, dropping everything else: "Hi!" → "Hotel India".',
  );

export type NatoSpec = z.output<typeof natoSpecSchema>;
