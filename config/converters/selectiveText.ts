import { z } from 'zod';
import { selectionStrategySchema } from './selectionStrategy';
import { staticConverterSpecSchema } from './staticConverterSpec';

export const selectiveTextSpecSchema = z
  .strictObject({
    type: z.literal('selective_text').describe('Convert only part of the prompt (PyRIT SelectiveTextConverter).'),
    converter: staticConverterSpecSchema.describe('The converter applied to the selected part (one needing no model).'),
    selection: selectionStrategySchema,
    preserve_tokens: z
      .boolean()
      .default(false)
      .describe('Wrap the converted part in start_token…end_token, so a later selective_text can find it.'),
    start_token: z.string().min(1).default('⟪').describe('Marks the start of a converted part; ⟪ by default.'),
    end_token: z.string().min(1).default('⟫').describe('Marks its end; ⟫ by default.'),
    word_separator: z.string().min(1).default(' ').describe('What word strategies split on; a space by default.'),
  })
  .describe('Applies another converter to the part of the prompt a selection strategy picks, leaving the rest.');

export type SelectiveTextSpec = z.output<typeof selectiveTextSpecSchema>;
