import { z } from 'zod';

export const ConverterListEntry = z.strictObject({
  type: z.string().describe('What goes in `type` in a config, e.g. "base64".'),
  pyrit_class: z.string().describe("PyRIT's class, as stored in converter_identifiers, e.g. Base64Converter."),
  pyrit_module: z.string().describe("PyRIT's module of that class."),
  description: z.string(),
  parameters_schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the converter spec in a config.'),
  needs_model: z.boolean().describe('Asks a `converter_target` model for every prompt.'),
  seeded: z.boolean().describe('Draws at random, and takes a `seed` so a run can be repeated.'),
});

export const ConverterList = z.strictObject({
  converters: z.array(ConverterListEntry).describe('Every converter type, in the order of the config schema.'),
});
