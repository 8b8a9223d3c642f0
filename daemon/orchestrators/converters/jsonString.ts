import type { JsonStringSpec } from '../../../config/converters/jsonString';
import { pyritConverterIdentifier, type Converter } from './converter';

const shortEscapes: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * Python's `json.dumps(text)[1:-1]`. Unlike JSON.stringify it escapes everything outside space…tilde
 * (`ensure_ascii`), each UTF-16 unit on its own, so "é" is "\u00e9" and "😀" is "\ud83d\ude00".
 */
export function pythonJsonEscape(text: string): string {
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const character = text.charAt(index);
    const short = shortEscapes[character];
    if (short !== undefined) escaped += short;
    else if (unit >= 0x20 && unit <= 0x7e) escaped += character;
    else escaped += `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return escaped;
}

export function createJsonStringConverter(_spec: JsonStringSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('JsonStringConverter', 'json_string_converter'),
    convert: pythonJsonEscape,
  };
}
