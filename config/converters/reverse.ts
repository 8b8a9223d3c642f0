import { z } from 'zod';

export const reverseSpecSchema = z
  .strictObject({
    type: z.literal('reverse').describe('Reverse the prompt (PyRIT FlipConverter).'),
  })
  .describe('Reverses the prompt character by character: "hello me" becomes "em olleh".');

export type ReverseSpec = z.output<typeof reverseSpecSchema>;
