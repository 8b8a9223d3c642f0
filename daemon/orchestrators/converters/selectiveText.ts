import type { SelectiveTextSpec } from '../../../config/converters/selectiveText';
import { ConversionError } from './conversionError';
import { pyritConverterIdentifier, type Converter } from './converter';
import { staticConverterFor } from './createStaticConverter';
import { isWordStrategy, selectRange, selectWords } from './textSelection';

const CLASS_NAME = 'SelectiveTextConverter';

export function createSelectiveTextConverter(spec: SelectiveTextSpec): Converter {
  const inner = staticConverterFor(spec.converter);
  const { selection, start_token: open, end_token: close } = spec;
  const wrap = (text: string): string => (spec.preserve_tokens ? `${open}${text}${close}` : text);

  /** PyRIT's convert_tokens_async: each marked part converted, the marks dropped; no marks, the whole prompt. */
  const convertMarked = (text: string): string => {
    if (!text.includes(open)) return wrap(inner.convert(text));
    let output = '';
    let rest = text;
    for (let start = rest.indexOf(open); start >= 0; start = rest.indexOf(open)) {
      const end = rest.indexOf(close, start + open.length);
      if (end < 0) break;
      output += rest.slice(0, start) + wrap(inner.convert(rest.slice(start + open.length, end)));
      rest = rest.slice(end + close.length);
    }
    return output + rest;
  };

  return {
    identifier: pyritConverterIdentifier(CLASS_NAME, 'selective_text_converter'),
    convert: (text) => {
      if (selection.strategy === 'token') return convertMarked(text);
      if (isWordStrategy(selection)) {
        const words = text.split(spec.word_separator);
        const chosen = selectWords(selection, words);
        if (typeof chosen === 'string') throw new ConversionError(CLASS_NAME, chosen);
        for (const index of new Set(chosen)) words[index] = wrap(inner.convert(words[index] ?? ''));
        return words.join(spec.word_separator);
      }
      const characters = Array.from(text);
      const [start, end] = selectRange(selection, characters);
      if (start >= end) return text;
      const selected = characters.slice(start, end).join('');
      return characters.slice(0, start).join('') + wrap(inner.convert(selected)) + characters.slice(end).join('');
    },
  };
}
