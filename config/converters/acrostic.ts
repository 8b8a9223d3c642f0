import { z } from 'zod';

export const acrosticSpecSchema = z
  .strictObject({
    type: z.literal('acrostic').describe('Hide the prompt in the first letters of lines (PyRIT AcrosticConverter).'),
    instruction: z
      .string()
      .min(1)
      .optional()
      .describe("The line telling the model how to read the list; PyRIT's instruction by default."),
    word_bank: z
      .record(z.string().regex(/^[a-z]$/, 'a lower-case letter a–z'), z.string().min(1))
      .optional()
      .describe('Lower-case letter → a word for it (its first letter is replaced by the letter, upper-cased).'),
  })
  .describe('One line per letter, a word starting with it ("—" for a space): "hi" → "Harbor\\nIsland".');

export type AcrosticSpec = z.output<typeof acrosticSpecSchema>;
