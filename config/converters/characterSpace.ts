import { z } from 'zod';

export const characterSpaceSpecSchema = z
  .strictObject({
    type: z
      .literal('character_space')
      .describe('Space out characters and drop punctuation (PyRIT CharacterSpaceConverter).'),
  })
  .describe('Puts a space between every two characters, then removes ASCII punctuation except the backslash.');

export type CharacterSpaceSpec = z.output<typeof characterSpaceSpecSchema>;
