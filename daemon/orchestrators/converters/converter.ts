/**
 * How PyRIT names a converter in `PromptMemoryEntries.converter_identifiers`: its class and module, so rows we
 * write read the same as rows PyRIT writes.
 */
export interface ConverterIdentifier {
  readonly __type__: string;
  readonly __module__: string;
}

export interface Converter {
  readonly identifier: ConverterIdentifier;
  /** Pure text-to-text; with a `seed`, the same text always converts the same way (so resumed runs agree). */
  convert(text: string): string;
}

/**
 * A converter that asks a model (PyRIT's LLM-backed converters). It rejects with `ConversionError` when the model
 * fails or answers in a shape that cannot be used, and with an `AbortError` when the run is cancelled.
 */
export interface ModelConverter {
  readonly identifier: ConverterIdentifier;
  readonly needsModel: true;
  convertWithModel(text: string, signal?: AbortSignal): Promise<string>;
}

export type AnyConverter = Converter | ModelConverter;

export function isModelConverter(converter: AnyConverter): converter is ModelConverter {
  return 'needsModel' in converter;
}

export function pyritConverterIdentifier(className: string, moduleName: string): ConverterIdentifier {
  return { __type__: className, __module__: `pyrit.prompt_converter.${moduleName}` };
}
