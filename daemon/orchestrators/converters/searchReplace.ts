import { RE2JS } from 're2js';
import type { SearchReplaceSpec } from '../../../config/converters/searchReplace';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pickOne, seededRandom } from './seededRandom';

/** Runs on RE2 (linear time): the prompt may be an attacker model's text. */
export function createSearchReplaceConverter(spec: SearchReplaceSpec): Converter {
  const pattern = RE2JS.compile(spec.pattern, spec.ignore_case ? RE2JS.CASE_INSENSITIVE : 0);
  const replacements = typeof spec.replace === 'string' ? [spec.replace] : spec.replace;
  return {
    identifier: pyritConverterIdentifier('SearchReplaceConverter', 'search_replace_converter'),
    convert: (text) => {
      const replacement = pickOne(seededRandom(spec.seed), replacements) ?? '';
      return pattern.matcher(text).replaceAll(replacement);
    },
  };
}
