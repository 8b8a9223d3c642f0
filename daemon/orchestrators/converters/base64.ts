import { z } from 'zod';
import { pyritConverterIdentifier, type Converter } from './converter';

export const base64SpecSchema = z
  .strictObject({
    type: z.literal('base64').describe('Base64-encode the UTF-8 bytes of the prompt (PyRIT Base64Converter).'),
  })
  .describe('Base64 encoding, with padding, of the prompt as UTF-8.');

export type Base64Spec = z.output<typeof base64SpecSchema>;

export function createBase64Converter(_spec: Base64Spec): Converter {
  return {
    identifier: pyritConverterIdentifier('Base64Converter', 'base64_converter'),
    convert: (text) => Buffer.from(text, 'utf8').toString('base64'),
  };
}
