import { z } from 'zod';

export const urlSpecSchema = z
  .strictObject({
    type: z.literal('url').describe('URL-encode the prompt (PyRIT UrlConverter).'),
  })
  .describe('Percent-encodes the prompt as Python\'s urllib.parse.quote does: "a b&c" becomes "a%20b%26c".');

export type UrlSpec = z.output<typeof urlSpecSchema>;
