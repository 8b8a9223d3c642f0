import { z } from 'zod';

export const base2048SpecSchema = z
  .strictObject({
    type: z
      .literal('base2048')
      .describe('Base2048-encode the UTF-8 bytes of the prompt, 11 bits per character (PyRIT Base2048Converter).'),
  })
  .describe('Base2048 encoding of the prompt as UTF-8: 11 bits per character, from a 2048-letter Unicode alphabet.');

export type Base2048Spec = z.output<typeof base2048SpecSchema>;
