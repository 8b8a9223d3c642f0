import { z } from 'zod';
import { atbashSpecSchema } from './atbash';
import { base64SpecSchema } from './base64';
import { caesarSpecSchema } from './caesar';
import { characterSpaceSpecSchema } from './characterSpace';
import { leetspeakSpecSchema } from './leetspeak';
import { randomCapitalLettersSpecSchema } from './randomCapitalLetters';
import { reverseSpecSchema } from './reverse';
import { rot13SpecSchema } from './rot13';
import { stringJoinSpecSchema } from './stringJoin';
import { unicodeConfusableSpecSchema } from './unicodeConfusable';
import { urlSpecSchema } from './url';

/** One converter in an orchestrator config, told apart by `type`. The JSON schema for configs derives from it. */
export const converterSpecSchema = z
  .discriminatedUnion('type', [
    base64SpecSchema,
    rot13SpecSchema,
    caesarSpecSchema,
    atbashSpecSchema,
    leetspeakSpecSchema,
    characterSpaceSpecSchema,
    stringJoinSpecSchema,
    urlSpecSchema,
    unicodeConfusableSpecSchema,
    reverseSpecSchema,
    randomCapitalLettersSpecSchema,
  ])
  .describe('A prompt converter, applied to each prompt before it is sent. Converters stack in the order given.');

/** As written in a config (defaults may be left out). */
export type ConverterSpecInput = z.input<typeof converterSpecSchema>;
/** As validated, with defaults filled in. */
export type ConverterSpec = z.output<typeof converterSpecSchema>;
export type ConverterType = ConverterSpec['type'];
