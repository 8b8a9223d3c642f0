import { RE2JS } from 're2js';
import type { SelectionStrategy } from '../../../config/converters/selectionStrategy';
import { sampleIndices, seededRandom } from './seededRandom';

/** A character range [start, end) over code points, as PyRIT's strategies index Python strings. */
export type CharacterRange = readonly [number, number];

type CharacterStrategy = Extract<
  SelectionStrategy,
  { strategy: 'index' | 'regex' | 'keyword' | 'position' | 'proportion' }
>;
type WordStrategy = Extract<SelectionStrategy, { strategy: `word_${string}` }>;

export function isWordStrategy(strategy: SelectionStrategy): strategy is WordStrategy {
  return strategy.strategy.startsWith('word_');
}

/** Code point offset of a UTF-16 offset into `text`. */
function codePointOffset(text: string, unitOffset: number): number {
  return Array.from(text.slice(0, unitOffset)).length;
}

export function selectRange(strategy: CharacterStrategy, characters: readonly string[]): CharacterRange {
  const length = characters.length;
  switch (strategy.strategy) {
    case 'index': {
      const start = Math.min(strategy.start, length);
      return [start, Math.max(start, Math.min(strategy.end ?? length, length))];
    }
    case 'regex': {
      const text = characters.join('');
      const matcher = RE2JS.compile(strategy.pattern).matcher(text);
      if (!matcher.find()) return [0, 0];
      return [codePointOffset(text, matcher.start()), codePointOffset(text, matcher.end())];
    }
    case 'keyword': {
      const text = characters.join('');
      const haystack = strategy.case_sensitive ? text : text.toLowerCase();
      const needle = strategy.case_sensitive ? strategy.keyword : strategy.keyword.toLowerCase();
      const found = haystack.indexOf(needle);
      if (found < 0) return [0, 0];
      const at = codePointOffset(text, found);
      const size = Array.from(strategy.keyword).length;
      return [Math.max(0, at - strategy.context_before), Math.min(length, at + size + strategy.context_after)];
    }
    case 'position':
      return [Math.trunc(length * strategy.start_proportion), Math.trunc(length * strategy.end_proportion)];
    case 'proportion': {
      const size = Math.trunc(length * strategy.proportion);
      if (strategy.anchor === 'start') return [0, size];
      if (strategy.anchor === 'end') return [length - size, length];
      if (strategy.anchor === 'middle') {
        const start = Math.floor((length - size) / 2);
        return [start, start + size];
      }
      const start = Math.floor(seededRandom(strategy.seed)() * (length - size + 1));
      return [start, start + size];
    }
  }
}

/** Indices of the chosen words. An index past the end is a mistake in the config for this prompt: PyRIT raises. */
export function selectWords(strategy: WordStrategy, words: readonly string[]): number[] | string {
  if (words.length === 0) return [];
  switch (strategy.strategy) {
    case 'word_index': {
      const outside = strategy.indices.filter((index) => index >= words.length);
      if (outside.length > 0) {
        return `word indices ${outside.join(', ')} are past the last word (the prompt has ${words.length} words, from 0)`;
      }
      return strategy.indices;
    }
    case 'word_keyword': {
      const wanted = new Set(strategy.keywords.map((word) => (strategy.case_sensitive ? word : word.toLowerCase())));
      return words.flatMap((word, index) =>
        wanted.has(strategy.case_sensitive ? word : word.toLowerCase()) ? [index] : [],
      );
    }
    case 'word_proportion':
      return sampleIndices(seededRandom(strategy.seed), words.length, Math.trunc(words.length * strategy.proportion));
    case 'word_regex': {
      const pattern = RE2JS.compile(strategy.pattern);
      return words.flatMap((word, index) => (pattern.matcher(word).find() ? [index] : []));
    }
    case 'word_position': {
      const start = Math.trunc(words.length * strategy.start_proportion);
      const end = Math.trunc(words.length * strategy.end_proportion);
      return Array.from({ length: Math.max(0, end - start) }, (_, offset) => start + offset);
    }
  }
}
