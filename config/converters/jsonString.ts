import { z } from 'zod';

export const jsonStringSpecSchema = z
  .strictObject({
    type: z.literal('json_string').describe('Escape for a JSON string (PyRIT JsonStringConverter).'),
  })
  .describe("Escapes the prompt as Python's json.dumps does (non-ASCII as \\uXXXX), without the outer quotes.");

export type JsonStringSpec = z.output<typeof jsonStringSpecSchema>;
