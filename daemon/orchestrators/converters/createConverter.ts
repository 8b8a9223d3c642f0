import {
  converterSpecSchema,
  type ConverterSpec,
  type ConverterSpecInput,
} from '../../../config/converters/converterSpec';
import type { selectiveTextSpecSchema, SelectiveTextSpec } from '../../../config/converters/selectiveText';
import type { StaticConverterSpecInput } from '../../../config/converters/staticConverterSpec';
import type { textJailbreakSpecSchema, TextJailbreakSpec } from '../../../config/converters/textJailbreak';
import type { z } from 'zod';
import { isConversionError } from './conversionError';
import { isModelConverter, type AnyConverter, type Converter, type ConverterIdentifier } from './converter';
import { staticConverterFor } from './createStaticConverter';
import { invalidConfig } from './invalidConfig';
import { createModelConverter, type ModelConverterOptions } from './model/createModelConverter';
import { createSelectiveTextConverter } from './selectiveText';
import { createTextJailbreakConverter } from './textJailbreak';
import { ConversionError } from './conversionError';

export interface ConverterOptions extends ModelConverterOptions {
  /** Folder of the config file: a relative `template_path` starts here. The daemon's working folder if absent. */
  readonly configDir?: string;
  /** JSON path of the converters list in the config, for error data; "$.parameters.prompt_converters" if absent. */
  readonly configPath?: string;
}

/** The converters that answer at once, with no model: their `convert` returns the text itself. */
export type TextConverterSpecInput =
  StaticConverterSpecInput | z.input<typeof selectiveTextSpecSchema> | z.input<typeof textJailbreakSpecSchema>;

/** Validates a spec (filling in defaults) and builds its converter; a bad spec throws `InvalidConfig`. */
export function createConverter(spec: TextConverterSpecInput, options?: ConverterOptions): Converter;
export function createConverter(spec: ConverterSpecInput, options?: ConverterOptions): AnyConverter;
export function createConverter(spec: ConverterSpecInput, options: ConverterOptions = {}): AnyConverter {
  const parsed = converterSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidConfig('converter', parsed.error);
  return converterFor(parsed.data, options);
}

function converterFor(spec: ConverterSpec, options: ConverterOptions): AnyConverter {
  switch (spec.type) {
    case 'selective_text':
      return createSelectiveTextConverter(spec satisfies SelectiveTextSpec);
    case 'text_jailbreak':
      return createTextJailbreakConverter(spec satisfies TextJailbreakSpec, {
        configDir: options.configDir ?? process.cwd(),
        configPath: options.configPath ?? '$.parameters.prompt_converters',
      });
    default:
      return 'converter_target' in spec ? createModelConverter(spec, options) : staticConverterFor(spec);
  }
}

export interface ConverterStack {
  /** Every converter's identifier, in the order applied: PyRIT's `converter_identifiers` column. */
  readonly identifiers: ConverterIdentifier[];
  /**
   * Runs the text through every converter in order; with no converters it is the text itself. Asynchronous because
   * a converter may ask a model (PyRIT's LLM-backed converters); the static ones answer at once. A converter that
   * cannot convert rejects with `ConversionError`; a cancelled run with an `AbortError`.
   */
  convert(text: string, signal?: AbortSignal): Promise<string>;
}

/** Builds the converters of a config once, to apply to every prompt of a run. */
export function stackConverters(specs: readonly ConverterSpecInput[], options: ConverterOptions = {}): ConverterStack {
  const converters = specs.map((spec, index) => {
    try {
      return createConverter(spec, {
        ...options,
        configPath: `${options.configPath ?? '$.parameters.prompt_converters'}[${index}]`,
      });
    } catch (error) {
      throw prefixPath(error, index);
    }
  });
  return {
    identifiers: converters.map((converter) => converter.identifier),
    convert: async (text, signal) => {
      let converted = text;
      for (const converter of converters) converted = await applyOne(converter, converted, signal);
      return converted;
    },
  };
}

/** A static converter that throws something other than a ConversionError is a bug; it is reported as one. */
async function applyOne(converter: AnyConverter, text: string, signal: AbortSignal | undefined): Promise<string> {
  if (isModelConverter(converter)) return converter.convertWithModel(text, signal);
  try {
    return converter.convert(text);
  } catch (error) {
    if (isConversionError(error)) throw error;
    throw new ConversionError(converter.identifier.__type__, (error as Error).message);
  }
}

/** Points the error's JSON paths at the right element of the converters list. */
function prefixPath(error: unknown, index: number): unknown {
  const data = (error as { data?: { issues?: { path: string[] }[] } }).data;
  for (const issue of data?.issues ?? []) issue.path.unshift(String(index));
  return error;
}
