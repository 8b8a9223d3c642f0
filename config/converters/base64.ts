import { z } from 'zod';

export const base64SpecSchema = z
  .strictObject({
    type: z.literal('base64').describe('Base64-encode the UTF-8 bytes of the prompt (PyRIT Base64Converter).'),
  })
  .describe('Base64 encoding, with padding, of the prompt as UTF-8.');

export type Base64Spec = z.output<typeof base64SpecSchema>;
