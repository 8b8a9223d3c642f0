import { z } from 'zod';
import { pyritConverterIdentifier, type Converter } from './converter';

export const reverseSpecSchema = z
  .strictObject({
    type: z.literal('reverse').describe('Reverse the prompt (PyRIT FlipConverter).'),
  })
  .describe('Reverses the prompt character by character: "hello me" becomes "em olleh".');

export type ReverseSpec = z.output<typeof reverseSpecSchema>;

/** By code point, as Python's `prompt[::-1]` does, so an emoji is not split into two broken halves. */
export function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}

export function createReverseConverter(_spec: ReverseSpec): Converter {
  return { identifier: pyritConverterIdentifier('FlipConverter', 'flip_converter'), convert: reverse };
}
