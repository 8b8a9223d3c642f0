import type { Base64Spec } from '../../../config/converters/base64';
import { pyritConverterIdentifier, type Converter } from './converter';

export function createBase64Converter(_spec: Base64Spec): Converter {
  return {
    identifier: pyritConverterIdentifier('Base64Converter', 'base64_converter'),
    convert: (text) => Buffer.from(text, 'utf8').toString('base64'),
  };
}
