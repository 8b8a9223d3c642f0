import type { RepeatTokenSpec } from '../../../config/converters/repeatToken';
import { pyritConverterIdentifier, type Converter } from './converter';

/** Where the tokens go: the text before them and after them. */
function splitFor(mode: RepeatTokenSpec['token_insert_mode'], text: string): [string, string] {
  switch (mode) {
    case 'split': {
      // After the first . ? or ! (kept with the part before); with none, the tokens go first.
      const at = text.search(/[.?!]/);
      return at < 0 ? ['', text] : [text.slice(0, at + 1), text.slice(at + 1)];
    }
    case 'prepend':
      return ['', text];
    case 'append':
      return [text, ''];
    case 'repeat':
      return ['', ''];
  }
}

export function createRepeatTokenConverter(spec: RepeatTokenSpec): Converter {
  const tokens = ` ${spec.token_to_repeat.trim()}`.repeat(spec.times_to_repeat);
  return {
    identifier: pyritConverterIdentifier('RepeatTokenConverter', 'repeat_token_converter'),
    convert: (text) => {
      const [before, after] = splitFor(spec.token_insert_mode, text);
      return before + tokens + after;
    },
  };
}
