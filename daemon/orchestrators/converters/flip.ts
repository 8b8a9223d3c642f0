import type { FlipSpec } from '../../../config/converters/flip';
import type { ReverseSpec } from '../../../config/converters/reverse';
import { pyritConverterIdentifier, type Converter } from './converter';
import { reverse } from './reverse';

/** `flip` and its older name `reverse` are one converter, and store the same identifier. */
export function createFlipConverter(_spec: FlipSpec | ReverseSpec): Converter {
  return { identifier: pyritConverterIdentifier('FlipConverter', 'flip_converter'), convert: reverse };
}
