import { z } from 'zod';
import { modelConverterSchemas } from './modelConverterSpec';
import { selectiveTextSpecSchema } from './selectiveText';
import { staticConverterSchemas } from './staticConverterSpec';
import { textJailbreakSpecSchema } from './textJailbreak';

/**
 * One converter in an orchestrator config, told apart by `type`. The one registry: the JSON schema for configs,
 * editor completions, the docs table and `converters/list` all derive from these members.
 */
export const converterSpecSchema = z
  .discriminatedUnion('type', [
    ...staticConverterSchemas,
    selectiveTextSpecSchema,
    textJailbreakSpecSchema,
    ...modelConverterSchemas,
  ])
  .describe('A prompt converter, applied to each prompt before it is sent. Converters stack in the order given.');

/** As written in a config (defaults may be left out). */
export type ConverterSpecInput = z.input<typeof converterSpecSchema>;
/** As validated, with defaults filled in. */
export type ConverterSpec = z.output<typeof converterSpecSchema>;
export type ConverterType = ConverterSpec['type'];
