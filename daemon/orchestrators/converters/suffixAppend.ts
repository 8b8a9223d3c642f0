import type { SuffixAppendSpec } from '../../../config/converters/suffixAppend';
import { pyritConverterIdentifier, type Converter } from './converter';

export function createSuffixAppendConverter(spec: SuffixAppendSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('SuffixAppendConverter', 'suffix_append_converter'),
    convert: (text) => `${text} ${spec.suffix}`,
  };
}
