import { z } from 'zod';

export const rot13SpecSchema = z
  .strictObject({
    type: z.literal('rot13').describe('Rotate ASCII letters by 13 places (PyRIT ROT13Converter).'),
  })
  .describe('ROT13: ASCII letters rotated by 13, case kept; every other character unchanged.');

export type Rot13Spec = z.output<typeof rot13SpecSchema>;
