import type { InsertPunctuationSpec } from '../../../config/converters/insertPunctuation';
import { pyritConverterIdentifier, type Converter } from './converter';
import { pythonWhitespace } from './pythonWords';
import { pickOne, randomInt, sampleIndices, seededRandom, type Random } from './seededRandom';

/** Python's `re.findall(r"\w+|[^\w\s]|\s", prompt)`: words, single marks and single whitespace characters. */
const pieces = new RegExp(`[\\p{L}\\p{N}_]+|[^\\p{L}\\p{N}_${pythonWhitespace}]|[${pythonWhitespace}]`, 'gu');
const wordPiece = /^[\p{L}\p{N}_]/u;

/**
 * Python's str.strip(): whitespace at both ends. A scan, not `/[\s]+$/`: that regex retries from every character of
 * a long inner run of spaces (quadratic; 40k spaces stalled the event loop for a second).
 */
const whitespace = new RegExp(`^[${pythonWhitespace}]$`, 'u');

function strip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && whitespace.test(text[start] ?? '')) start += 1;
  while (end > start && whitespace.test(text[end - 1] ?? '')) end -= 1;
  return text.slice(start, end);
}

function betweenWords(random: Random, spec: InsertPunctuationSpec, parts: string[], words: number[], count: number) {
  for (const at of sampleIndices(random, words.length, count)) {
    const index = words[at] ?? 0;
    const mark = pickOne(random, spec.punctuation_list) ?? ',';
    parts[index] = randomInt(random, 0, 1) === 1 ? `${parts[index]}${mark}` : `${mark}${parts[index]}`;
  }
  return parts.join('');
}

function withinWords(random: Random, spec: InsertPunctuationSpec, text: string, count: number): string {
  const characters = Array.from(text);
  const places = characters.length <= count ? [1] : sampleIndices(random, characters.length - 1, count);
  for (const place of places) characters.splice(place, 0, pickOne(random, spec.punctuation_list) ?? ',');
  return characters.join('');
}

export function createInsertPunctuationConverter(spec: InsertPunctuationSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('InsertPunctuationConverter', 'insert_punctuation_converter'),
    convert: (text) => {
      const random = seededRandom(spec.seed);
      const parts = text.match(pieces) ?? [];
      const words = parts.flatMap((part, index) => (wordPiece.test(part) ? [index] : []));
      // Python's round() rounds halves to even: 2.5 insertions are 2.
      const exact = words.length * spec.word_swap_ratio;
      const rounded = Math.abs(exact - Math.trunc(exact) - 0.5) < 1e-9 ? 2 * Math.round(exact / 2) : Math.round(exact);
      const count = Math.max(1, rounded);
      if (words.length === 0) return (pickOne(random, spec.punctuation_list) ?? ',') + text;
      const converted = spec.between_words
        ? betweenWords(random, spec, parts, words, count)
        : withinWords(random, spec, text, count);
      return strip(converted);
    },
  };
}
