import { z } from 'zod';
import { refusalScorerSpecSchema } from './refusalScorer';
import { regexScorerSpecSchema } from './regexScorer';
import { selfAskLikertScorerSpecSchema } from './selfAskLikertScorer';
import { selfAskTrueFalseScorerSpecSchema } from './selfAskTrueFalseScorer';
import { substringScorerSpecSchema } from './substringScorer';

/**
 * One scorer in an orchestrator config, told apart by `type`: pattern scorers, which need nothing, and LLM-backed
 * ones (`self_ask_true_false`, `self_ask_likert`), which carry the spec of their judge model in `chat_target`.
 */
export const scorerSpecSchema = z
  .discriminatedUnion('type', [
    substringScorerSpecSchema,
    regexScorerSpecSchema,
    refusalScorerSpecSchema,
    selfAskTrueFalseScorerSpecSchema,
    selfAskLikertScorerSpecSchema,
  ])
  .describe('A scorer, run on every response of an execution; each yields one score per response.');

/** As written in a config (defaults may be left out). */
export type ScorerSpecInput = z.input<typeof scorerSpecSchema>;
/** As validated, with defaults filled in. */
export type ScorerSpec = z.output<typeof scorerSpecSchema>;
export type ScorerType = ScorerSpec['type'];
