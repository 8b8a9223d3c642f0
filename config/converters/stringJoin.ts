import { z } from 'zod';

export const stringJoinSpecSchema = z
  .strictObject({
    type: z.literal('string_join').describe('Join the characters of each word (PyRIT StringJoinConverter).'),
    join_value: z.string().default('-').describe('What to put between the characters of each word; "-" by default.'),
  })
  .describe('Joins the characters of every word with join_value: "test me" becomes "t-e-s-t m-e".');

export type StringJoinSpec = z.output<typeof stringJoinSpecSchema>;
