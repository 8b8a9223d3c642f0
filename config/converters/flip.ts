import { z } from 'zod';

export const flipSpecSchema = z
  .strictObject({
    type: z.literal('flip').describe('Reverse the prompt (PyRIT FlipConverter); `reverse` is the same converter.'),
  })
  .describe('Reverses the prompt character by character: "hello me" becomes "em olleh".');

export type FlipSpec = z.output<typeof flipSpecSchema>;
