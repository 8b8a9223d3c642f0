import type { ZeroWidthSpec } from '../../../config/converters/zeroWidth';
import { pyritConverterIdentifier, type Converter } from './converter';

/** Between code points, as Python's `"\u200b".join(prompt)`, so an emoji is not cut in half. */
export function createZeroWidthConverter(_spec: ZeroWidthSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('ZeroWidthConverter', 'zero_width_converter'),
    convert: (text) => Array.from(text).join('\u200b'),
  };
}
