import { z } from 'zod';

export const bidiSpecSchema = z
  .strictObject({
    type: z.literal('bidi').describe('Wrap in bidirectional controls (PyRIT BidiConverter).'),
    scheme: z
      .enum(['override', 'embedding', 'isolate'])
      .default('override')
      .describe('override: U+202E…U+202C; embedding: U+202B…U+202C; isolate: U+2067…U+2069 (Unicode UAX #9).'),
  })
  .describe('Wraps the prompt in right-to-left control characters ("Trojan Source"), so it displays reversed.');

export type BidiSpec = z.output<typeof bidiSpecSchema>;
