/**
 * The characters Python's `str.split()` splits on (`str.isspace()`), which PyRIT's word-level converters use
 * to find words. JavaScript's `\s` differs: it has U+FEFF and lacks U+001C–U+001F and U+0085.
 */
export const pythonWhitespace =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const words = new RegExp(`[^${pythonWhitespace}]+`, 'gu');

/**
 * Applies `convertWord` to every whitespace-separated word, with its index among the words. PyRIT's
 * WordLevelConverter rebuilds the text as `" ".join(prompt.split())`, which also collapses runs of whitespace and
 * drops line breaks; we keep the whitespace as it was, so a multi-line prompt stays multi-line. On single-spaced
 * text the two agree.
 */
export function convertWords(text: string, convertWord: (word: string, index: number) => string): string {
  let index = 0;
  return text.replace(words, (word) => convertWord(word, index++));
}

/** Python's `text.split()`: the words, without the whitespace between them. */
export function pythonSplit(text: string): string[] {
  return text.match(words) ?? [];
}

/** Python's `str.isalnum()` for one code point: letters and numbers of any script. */
export function isPythonAlnum(character: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(character);
}
