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

export function pyritConverterIdentifier(className: string, moduleName: string): ConverterIdentifier {
  return { __type__: className, __module__: `pyrit.prompt_converter.${moduleName}` };
}
