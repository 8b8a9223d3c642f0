import { z } from 'zod';

export const repeatTokenSpecSchema = z
  .strictObject({
    type: z.literal('repeat_token').describe('Repeat a token many times (PyRIT RepeatTokenConverter).'),
    token_to_repeat: z.string().min(1).describe('The token; trimmed, each repetition preceded by a space.'),
    times_to_repeat: z.number().int().min(0).max(100000).describe('How many times to repeat it.'),
    token_insert_mode: z
      .enum(['split', 'prepend', 'append', 'repeat'])
      .default('split')
      .describe('split: after the first . ? or ! (else before the prompt); prepend; append; repeat: the tokens alone.'),
  })
  .describe('The repeated-token attack: many copies of one token around the prompt.');

export type RepeatTokenSpec = z.output<typeof repeatTokenSpecSchema>;
