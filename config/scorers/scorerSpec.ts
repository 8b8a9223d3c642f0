import { z } from 'zod';
import { credentialLeakScorerSpecSchema } from './credentialLeakScorer';
import { decodingScorerSpecSchema } from './decodingScorer';
import { floatScaleThresholdScorerSpecSchema } from './floatScaleThresholdScorer';
import { llamaGuardScorerSpecSchema } from './llamaGuardScorer';
import { markdownInjectionScorerSpecSchema } from './markdownInjectionScorer';
import { pathTraversalOutputScorerSpecSchema } from './pathTraversalOutputScorer';
import { refusalScorerSpecSchema } from './refusalScorer';
import { regexScorerSpecSchema } from './regexScorer';
import { scoreTypeOf } from './scorerCatalog';
import { selfAskCategoryScorerSpecSchema } from './selfAskCategoryScorer';
import { selfAskGeneralFloatScaleScorerSpecSchema } from './selfAskGeneralFloatScaleScorer';
import { selfAskGeneralTrueFalseScorerSpecSchema } from './selfAskGeneralTrueFalseScorer';
import { selfAskLikertScorerSpecSchema } from './selfAskLikertScorer';
import { selfAskQuestionAnswerScorerSpecSchema } from './selfAskQuestionAnswerScorer';
import { selfAskRefusalScorerSpecSchema } from './selfAskRefusalScorer';
import { selfAskScaleScorerSpecSchema } from './selfAskScaleScorer';
import { selfAskTrueFalseScorerSpecSchema } from './selfAskTrueFalseScorer';
import { shellCommandOutputScorerSpecSchema } from './shellCommandOutputScorer';
import { shieldGemmaScorerSpecSchema } from './shieldGemmaScorer';
import { sqlInjectionOutputScorerSpecSchema } from './sqlInjectionOutputScorer';
import { ssrfOutputScorerSpecSchema } from './ssrfOutputScorer';
import { sstiOutputScorerSpecSchema } from './sstiOutputScorer';
import { substringScorerSpecSchema } from './substringScorer';
import { systemPromptExtractionScorerSpecSchema } from './systemPromptExtractionScorer';
import { trueFalseCompositeScorerSpecSchema } from './trueFalseCompositeScorer';
import { trueFalseInverterScorerSpecSchema } from './trueFalseInverterScorer';
import { xssOutputScorerSpecSchema } from './xssOutputScorer';

/** Scorers that score the response themselves (no other scorer inside). */
export const leafScorerSpecSchemas = [
  substringScorerSpecSchema,
  regexScorerSpecSchema,
  refusalScorerSpecSchema,
  selfAskTrueFalseScorerSpecSchema,
  selfAskLikertScorerSpecSchema,
  selfAskRefusalScorerSpecSchema,
  selfAskGeneralTrueFalseScorerSpecSchema,
  selfAskCategoryScorerSpecSchema,
  selfAskScaleScorerSpecSchema,
  selfAskGeneralFloatScaleScorerSpecSchema,
  selfAskQuestionAnswerScorerSpecSchema,
  llamaGuardScorerSpecSchema,
  shieldGemmaScorerSpecSchema,
  markdownInjectionScorerSpecSchema,
  credentialLeakScorerSpecSchema,
  xssOutputScorerSpecSchema,
  sqlInjectionOutputScorerSpecSchema,
  shellCommandOutputScorerSpecSchema,
  pathTraversalOutputScorerSpecSchema,
  ssrfOutputScorerSpecSchema,
  sstiOutputScorerSpecSchema,
  decodingScorerSpecSchema,
  systemPromptExtractionScorerSpecSchema,
] as const;

type LeafScorerSpec = z.output<(typeof leafScorerSpecSchemas)[number]>;
type LeafScorerSpecInput = z.input<(typeof leafScorerSpecSchemas)[number]>;

interface WrapperCommon {
  objective: boolean;
}
export interface FloatScaleThresholdScorerSpec extends WrapperCommon {
  type: 'float_scale_threshold';
  scorer: ScorerSpec;
  threshold: number;
  category?: string | undefined;
}
export interface TrueFalseInverterScorerSpec extends WrapperCommon {
  type: 'true_false_inverter';
  scorer: ScorerSpec;
  category?: string | undefined;
}
export interface TrueFalseCompositeScorerSpec extends WrapperCommon {
  type: 'true_false_composite';
  aggregator: 'AND' | 'OR' | 'MAJORITY';
  scorers: ScorerSpec[];
  category: string;
}
type WrapperInput<Spec> = Omit<Partial<Spec>, 'type' | 'scorer' | 'scorers'> & {
  type: Spec extends { type: infer T } ? T : never;
};
export type WrapperScorerSpecInput =
  | (WrapperInput<FloatScaleThresholdScorerSpec> & { scorer: ScorerSpecInput })
  | (WrapperInput<TrueFalseInverterScorerSpec> & { scorer: ScorerSpecInput })
  | (WrapperInput<TrueFalseCompositeScorerSpec> & {
      aggregator: 'AND' | 'OR' | 'MAJORITY';
      scorers: ScorerSpecInput[];
    });

/** As validated, with defaults filled in. */
export type ScorerSpec =
  LeafScorerSpec | FloatScaleThresholdScorerSpec | TrueFalseInverterScorerSpec | TrueFalseCompositeScorerSpec;
/** As written in a config (defaults may be left out). */
export type ScorerSpecInput = LeafScorerSpecInput | WrapperScorerSpecInput;
export type ScorerType = ScorerSpec['type'];

/** A wrapper in a wrapper in a wrapper is as deep as any real composite goes; deeper is a mistake (or an attack). */
export const MAX_SCORER_NESTING = 4;

/** How many scorers deep a spec goes: 1 for a scorer with none inside. */
function nesting(spec: ScorerSpec): number {
  switch (spec.type) {
    case 'float_scale_threshold':
    case 'true_false_inverter':
      return 1 + nesting(spec.scorer);
    case 'true_false_composite':
      return 1 + Math.max(...spec.scorers.map(nesting));
    default:
      return 1;
  }
}

/** What the wrapped scorer must yield, checked where the wrapper is (so the error points at it). */
function checkInner(
  spec: { scorer: ScorerSpec },
  wanted: 'true_false' | 'float_scale',
  wrapper: string,
  context: z.RefinementCtx,
): void {
  const got = scoreTypeOf(spec.scorer.type);
  if (got !== wanted) {
    const advice =
      wanted === 'true_false'
        ? ' Wrap it in float_scale_threshold to turn its score into a verdict first.'
        : ' It already gives a verdict.';
    context.addIssue({
      code: 'custom',
      path: ['scorer', 'type'],
      message: `${wrapper} needs a ${wanted} scorer; ${spec.scorer.type} yields ${got}.${advice}`,
    });
  }
}

const wrappers = [
  floatScaleThresholdScorerSpecSchema(() => scorerSpecSchema).superRefine((spec, context) =>
    checkInner(spec as { scorer: ScorerSpec }, 'float_scale', 'float_scale_threshold', context),
  ),
  trueFalseInverterScorerSpecSchema(() => scorerSpecSchema).superRefine((spec, context) =>
    checkInner(spec as { scorer: ScorerSpec }, 'true_false', 'true_false_inverter', context),
  ),
  trueFalseCompositeScorerSpecSchema(() => scorerSpecSchema),
] as const;

/** Every member of the union, for `scorers/list` (each member's JSON Schema and description). */
export const scorerSpecMembers = [...leafScorerSpecSchemas, ...wrappers] as const;

/**
 * One scorer in an orchestrator config, told apart by `type`: pattern scorers, which need nothing; LLM-backed
 * ones, which carry the spec of their judge model in `chat_target`; and wrappers (threshold, inverter,
 * composite), which hold other scorers, at most MAX_SCORER_NESTING deep.
 */
export const scorerSpecSchema: z.ZodType<ScorerSpec, ScorerSpecInput> = z
  .discriminatedUnion('type', scorerSpecMembers)
  .superRefine((spec, context) => {
    if (nesting(spec as ScorerSpec) > MAX_SCORER_NESTING) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: `scorers nest at most ${MAX_SCORER_NESTING} deep (a composite of inverters of thresholds of a scorer is 4).`,
      });
    }
  })
  .describe('A scorer, run on every response of an execution; each yields one score per response.');
