import { z } from 'zod';
import { singleCodePoint, smugglerActionField } from './fields';

export const sneakyBitsSmugglerSpecSchema = z
  .strictObject({
    type: z
      .literal('sneaky_bits_smuggler')
      .describe('Hide text as invisible bits (PyRIT SneakyBitsSmugglerConverter).'),
    action: smugglerActionField,
    zero_char: singleCodePoint.default('\u2062').describe('Stands for a 0 bit; U+2062 INVISIBLE TIMES by default.'),
    one_char: singleCodePoint.default('\u2064').describe('Stands for a 1 bit; U+2064 INVISIBLE PLUS by default.'),
  })
  .describe('Writes every bit of the UTF-8 bytes of the prompt as one of two invisible characters.')
  .refine((spec) => spec.zero_char !== spec.one_char, {
    message: 'zero_char and one_char must differ, or the bits could not be read back',
    path: ['one_char'],
  });

export type SneakyBitsSmugglerSpec = z.output<typeof sneakyBitsSmugglerSpecSchema>;
