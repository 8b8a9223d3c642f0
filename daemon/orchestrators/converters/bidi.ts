import type { BidiSpec } from '../../../config/converters/bidi';
import { pyritConverterIdentifier, type Converter } from './converter';

const schemes: Readonly<Record<BidiSpec['scheme'], readonly [string, string]>> = {
  override: ['\u202e', '\u202c'],
  embedding: ['\u202b', '\u202c'],
  isolate: ['\u2067', '\u2069'],
};

export function createBidiConverter(spec: BidiSpec): Converter {
  const [open, close] = schemes[spec.scheme];
  return {
    identifier: pyritConverterIdentifier('BidiConverter', 'bidi_converter'),
    // PyRIT leaves an empty prompt empty rather than sending two bare control characters.
    convert: (text) => (text === '' ? '' : `${open}${text}${close}`),
  };
}
