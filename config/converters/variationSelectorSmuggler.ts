import { z } from 'zod';
import { singleCodePoint, smugglerActionField } from './fields';

export const variationSelectorSmugglerSpecSchema = z
  .strictObject({
    type: z
      .literal('variation_selector_smuggler')
      .describe('Hide text in variation selectors (PyRIT VariationSelectorSmugglerConverter).'),
    action: smugglerActionField,
    base_char: singleCodePoint
      .default('😊')
      .describe('The visible character that carries the hidden bytes; 😊 by default.'),
    embed_in_base: z
      .boolean()
      .default(true)
      .describe('Put the selectors right after the base character; false puts a space between them.'),
  })
  .describe('Encodes the UTF-8 bytes of the prompt as variation selectors after one visible character.');

export type VariationSelectorSmugglerSpec = z.output<typeof variationSelectorSmugglerSpecSchema>;
