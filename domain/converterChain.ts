/** The series name of results sent without any converter. */
export const NO_CONVERTER = 'no converter';

/**
 * A converter chain as one series name, in the order applied: ["Base64Converter", "ROT13Converter"] is
 * "Base64 → ROT13". A stack is one treatment: counting a prompt once per converter in it drew a two-converter chain
 * as two bars of the same rate, and nobody could tell what mattered.
 */
export function converterChainName(classes: readonly string[]): string {
  if (classes.length === 0) return NO_CONVERTER;
  return classes.map((name) => (name.length > 'Converter'.length ? name.replace(/Converter$/, '') : name)).join(' → ');
}
