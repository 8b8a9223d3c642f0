import { z } from 'zod';
import { smugglerActionField } from './fields';

export const asciiSmugglerSpecSchema = z
  .strictObject({
    type: z.literal('ascii_smuggler').describe('Hide text in Unicode tag characters (PyRIT AsciiSmugglerConverter).'),
    action: smugglerActionField,
    unicode_tags: z
      .boolean()
      .default(false)
      .describe('When encoding, wrap the hidden text in the BEGIN (U+E0001) and CANCEL (U+E007F) tags.'),
  })
  .describe('Maps printable ASCII to invisible tag characters (U+E0020–U+E007E); other characters are dropped.');

export type AsciiSmugglerSpec = z.output<typeof asciiSmugglerSpecSchema>;
