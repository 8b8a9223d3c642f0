import { z } from 'zod';
import { seedField } from './fields';

export const emojiSpecSchema = z
  .strictObject({
    type: z.literal('emoji').describe('Letters as circled or squared emoji (PyRIT EmojiConverter).'),
    seed: seedField,
  })
  .describe('Lower-cases each word and writes each ASCII letter as one of its enclosed forms, picked at random.');

export type EmojiSpec = z.output<typeof emojiSpecSchema>;
