import type { ReverseSpec } from '../../../config/converters/reverse';
import { pyritConverterIdentifier, type Converter } from './converter';

/** By code point, as Python's `prompt[::-1]` does, so an emoji is not split into two broken halves. */
export function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}

export function createReverseConverter(_spec: ReverseSpec): Converter {
  return { identifier: pyritConverterIdentifier('FlipConverter', 'flip_converter'), convert: reverse };
}
