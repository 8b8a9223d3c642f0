import type { StringJoinSpec } from '../../../config/converters/stringJoin';
import { pyritConverterIdentifier, type Converter } from './converter';
import { convertWords } from './pythonWords';

export function createStringJoinConverter(spec: StringJoinSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('StringJoinConverter', 'string_join_converter'),
    // Python's `join_value.join(word)` iterates code points.
    convert: (text) => convertWords(text, (word) => Array.from(word).join(spec.join_value)),
  };
}
