import { z } from 'zod';
import { refusalScorerSpecSchema } from './refusalScorer';
import { regexScorerSpecSchema } from './regexScorer';
import { substringScorerSpecSchema } from './substringScorer';

/**
 * One scorer in an orchestrator config, told apart by `type`. LLM-backed scorers (`self_ask_true_false`,
 * `self_ask_likert`) join this union, and `createScorer`, once a chat target exists to give them.
 */
export const scorerSpecSchema = z
  .discriminatedUnion('type', [substringScorerSpecSchema, regexScorerSpecSchema, refusalScorerSpecSchema])
  .describe('A scorer, run on every response of an execution; each yields one score per response.');

/** As written in a config (defaults may be left out). */
export type ScorerSpecInput = z.input<typeof scorerSpecSchema>;
/** As validated, with defaults filled in. */
export type ScorerSpec = z.output<typeof scorerSpecSchema>;
export type ScorerType = ScorerSpec['type'];
