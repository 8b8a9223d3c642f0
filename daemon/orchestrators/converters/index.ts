export type { Converter, ConverterIdentifier } from './converter';
export {
  converterSpecSchema,
  type ConverterSpec,
  type ConverterSpecInput,
  type ConverterType,
} from '../../../config/converters/converterSpec';
export { createConverter, stackConverters, type ConverterStack } from './createConverter';
export { pyritLeetSubstitutions } from './leetspeak';
export { rot13 } from './rot13';
export { atbash } from './atbash';
export { reverse } from './reverse';
export { urlQuote } from './url';
export { characterSpace } from './characterSpace';
