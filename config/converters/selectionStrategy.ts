import { z } from 'zod';
import { seedField } from './fields';
import { linearPatternField } from './linearPattern';

const proportion = (what: string) => z.number().min(0).max(1).describe(what);
const startBeforeEnd = {
  message: 'start_proportion must be less than end_proportion',
  path: ['end_proportion'],
};
const range = {
  start_proportion: proportion('Where the selection starts, 0–1 of the way through.'),
  end_proportion: proportion('Where it ends, 0–1 (more than start_proportion).'),
};

/** PyRIT's text selection strategies, by their class names without "SelectionStrategy", in snake case. */
export const selectionStrategySchema = z
  .discriminatedUnion('strategy', [
    z
      .strictObject({
        strategy: z.literal('index').describe('Characters start…end (IndexSelectionStrategy).'),
        start: z.number().int().min(0).default(0).describe('First character, from 0.'),
        end: z.number().int().min(0).optional().describe('Character after the last; the end of the text if left out.'),
      })
      .describe('A range of characters by position.'),
    z
      .strictObject({
        strategy: z.literal('regex').describe('The first match of a pattern (RegexSelectionStrategy).'),
        pattern: linearPatternField.describe('Regular expression in RE2 syntax.'),
      })
      .describe('The first match of a pattern.'),
    z
      .strictObject({
        strategy: z.literal('keyword').describe('A keyword and its surroundings (KeywordSelectionStrategy).'),
        keyword: z.string().min(1).describe('The text to find (its first occurrence).'),
        context_before: z.number().int().min(0).default(0).describe('Characters before it to include too.'),
        context_after: z.number().int().min(0).default(0).describe('Characters after it to include too.'),
        case_sensitive: z.boolean().default(true).describe('Match case exactly.'),
      })
      .describe('The first occurrence of a keyword.'),
    z
      .strictObject({
        strategy: z.literal('position').describe('A proportional range (PositionSelectionStrategy).'),
        ...range,
      })
      .describe('Characters between two proportions of the text.')
      .refine((spec) => spec.start_proportion < spec.end_proportion, startBeforeEnd),
    z
      .strictObject({
        strategy: z.literal('proportion').describe('A share of the text (ProportionSelectionStrategy).'),
        proportion: proportion('How much of the text, 0–1.'),
        anchor: z.enum(['start', 'end', 'middle', 'random']).default('start').describe('Where the share sits.'),
        seed: seedField,
      })
      .describe('A share of the text at its start, end, middle or a random place.'),
    z
      .strictObject({
        strategy: z.literal('word_index').describe('Words by index (WordIndexSelectionStrategy).'),
        indices: z.array(z.number().int().min(0)).min(1).describe('Word indices, from 0.'),
      })
      .describe('Words by their index.'),
    z
      .strictObject({
        strategy: z.literal('word_keyword').describe('Words equal to a keyword (WordKeywordSelectionStrategy).'),
        keywords: z.array(z.string().min(1)).min(1).describe('The words to convert.'),
        case_sensitive: z.boolean().default(true).describe('Match case exactly.'),
      })
      .describe('Every word that is one of the keywords.'),
    z
      .strictObject({
        strategy: z.literal('word_proportion').describe('A random share of words (WordProportionSelectionStrategy).'),
        proportion: proportion('Share of the words, 0–1.'),
        seed: seedField,
      })
      .describe('A random share of the words.'),
    z
      .strictObject({
        strategy: z.literal('word_regex').describe('Words matching a pattern (WordRegexSelectionStrategy).'),
        pattern: linearPatternField.describe(
          'Regular expression in RE2 syntax; a word matches if it contains a match.',
        ),
      })
      .describe('Every word containing a match of the pattern.'),
    z
      .strictObject({
        strategy: z.literal('word_position').describe('Words in a proportional range (WordPositionSelectionStrategy).'),
        ...range,
      })
      .describe('Words between two proportions of the word list.')
      .refine((spec) => spec.start_proportion < spec.end_proportion, startBeforeEnd),
    z
      .strictObject({
        strategy: z.literal('token').describe('Text between start_token and end_token (TokenSelectionStrategy).'),
      })
      .describe('Whatever an earlier converter (or the prompt) marked with the tokens; the whole prompt if none.'),
  ])
  .describe('Which part of the prompt the wrapped converter converts.');

export type SelectionStrategy = z.output<typeof selectionStrategySchema>;
