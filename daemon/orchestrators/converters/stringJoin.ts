import { z } from 'zod';
import { pyritConverterIdentifier, type Converter } from './converter';
import { convertWords } from './pythonWords';

export const stringJoinSpecSchema = z
  .strictObject({
    type: z.literal('string_join').describe('Join the characters of each word (PyRIT StringJoinConverter).'),
    join_value: z.string().default('-').describe('What to put between the characters of each word; "-" by default.'),
  })
  .describe('Joins the characters of every word with join_value: "test me" becomes "t-e-s-t m-e".');

export type StringJoinSpec = z.output<typeof stringJoinSpecSchema>;

export function createStringJoinConverter(spec: StringJoinSpec): Converter {
  return {
    identifier: pyritConverterIdentifier('StringJoinConverter', 'string_join_converter'),
    // Python's `join_value.join(word)` iterates code points.
    convert: (text) => convertWords(text, (word) => Array.from(word).join(spec.join_value)),
  };
}
