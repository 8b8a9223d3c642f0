import { createAtbashConverter } from './atbash';
import { createBase64Converter } from './base64';
import { createCaesarConverter } from './caesar';
import { createCharacterSpaceConverter } from './characterSpace';
import type { Converter, ConverterIdentifier } from './converter';
import {
  converterSpecSchema,
  type ConverterSpec,
  type ConverterSpecInput,
} from '../../../config/converters/converterSpec';
import { invalidConfig } from './invalidConfig';
import { createLeetspeakConverter } from './leetspeak';
import { createRandomCapitalLettersConverter } from './randomCapitalLetters';
import { createReverseConverter } from './reverse';
import { createRot13Converter } from './rot13';
import { createStringJoinConverter } from './stringJoin';
import { createUnicodeConfusableConverter } from './unicodeConfusable';
import { createUrlConverter } from './url';

/** Validates a spec (filling in defaults) and builds its converter; a bad spec throws `InvalidConfig`. */
export function createConverter(spec: ConverterSpecInput): Converter {
  const parsed = converterSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidConfig('converter', parsed.error);
  return converterFor(parsed.data);
}

function converterFor(spec: ConverterSpec): Converter {
  switch (spec.type) {
    case 'base64':
      return createBase64Converter(spec);
    case 'rot13':
      return createRot13Converter(spec);
    case 'caesar':
      return createCaesarConverter(spec);
    case 'atbash':
      return createAtbashConverter(spec);
    case 'leetspeak':
      return createLeetspeakConverter(spec);
    case 'character_space':
      return createCharacterSpaceConverter(spec);
    case 'string_join':
      return createStringJoinConverter(spec);
    case 'url':
      return createUrlConverter(spec);
    case 'unicode_confusable':
      return createUnicodeConfusableConverter(spec);
    case 'reverse':
      return createReverseConverter(spec);
    case 'random_capital_letters':
      return createRandomCapitalLettersConverter(spec);
  }
}

export interface ConverterStack {
  /** Every converter's identifier, in the order applied: PyRIT's `converter_identifiers` column. */
  readonly identifiers: ConverterIdentifier[];
  /**
   * Runs the text through every converter in order; with no converters it is the text itself. Asynchronous because
   * a converter may ask a model (PyRIT's LLM-backed converters); the static ones answer at once.
   */
  convert(text: string, signal?: AbortSignal): Promise<string>;
}

/** Builds the converters of a config once, to apply to every prompt of a run. */
export function stackConverters(specs: readonly ConverterSpecInput[]): ConverterStack {
  const converters = specs.map((spec, index) => {
    try {
      return createConverter(spec);
    } catch (error) {
      throw prefixPath(error, index);
    }
  });
  return {
    identifiers: converters.map((converter) => converter.identifier),
    convert: async (text) => {
      let converted = text;
      for (const converter of converters) converted = converter.convert(converted);
      return converted;
    },
  };
}

/** Points the error's JSON paths at the right element of the converters list. */
function prefixPath(error: unknown, index: number): unknown {
  const data = (error as { data?: { issues?: { path: string[] }[] } }).data;
  for (const issue of data?.issues ?? []) issue.path.unshift(String(index));
  return error;
}
