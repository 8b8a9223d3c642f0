import { z } from 'zod';

export const suffixAppendSpecSchema = z
  .strictObject({
    type: z.literal('suffix_append').describe('Append a suffix (PyRIT SuffixAppendConverter).'),
    suffix: z.string().min(1).describe('Text appended after a space, e.g. an adversarial (GCG) suffix.'),
  })
  .describe('Appends " " and the suffix: "test" with suffix "!!!" becomes "test !!!".');

export type SuffixAppendSpec = z.output<typeof suffixAppendSpecSchema>;
