import { z } from 'zod';

export const tatweelSpecSchema = z
  .strictObject({
    type: z.literal('tatweel').describe('Arabic kashida between letters (PyRIT TatweelConverter).'),
    tatweel_count: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('How many tatweels (U+0640) go between two adjacent Arabic letters; 1 by default.'),
  })
  .describe('Elongates Arabic words with tatweel between adjacent Arabic letters; other text is left alone.');

export type TatweelSpec = z.output<typeof tatweelSpecSchema>;
