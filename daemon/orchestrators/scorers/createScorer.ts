import type { PromptTarget } from '../targets/promptTarget';
import type { TargetSpec } from '../../../config/targetSpec';
import { invalidConfig } from '../converters/invalidConfig';
import { createRefusalScorer } from './refusalScorer';
import { createRegexScorer } from './regexScorer';
import type { Scorer, ScorerCore, ScorerJudging } from './score';
import { scorerSpecSchema, type ScorerSpec, type ScorerSpecInput } from '../../../config/scorers/scorerSpec';
import { createSelfAskLikertScorer } from './selfAskLikertScorer';
import { createSelfAskTrueFalseScorer } from './selfAskTrueFalseScorer';
import { createSubstringScorer } from './substringScorer';

/**
 * What LLM-backed scorers need from the caller, so that this module stays free of the daemon's environment and
 * secrets: the caller binds those into `createTarget`, and owns — and disposes with its instance — every target
 * it builds here.
 */
export interface ScorerDependencies {
  /** Builds a judge model; `configPath` is where its spec sits, for `InvalidConfig` errors (`…scorers[1].chat_target`). */
  createTarget(spec: TargetSpec, configPath: string): PromptTarget;
  /** JSON path of this scorer in its config. Default "$.parameters.scorers[*]". */
  configPath?: string;
}

/**
 * Validates a spec (filling in defaults) and builds its scorer; a bad spec throws `InvalidConfig`. Pattern scorers
 * need nothing else; `self_ask_*` scorers need `deps` to build their judge.
 */
export function createScorer(spec: ScorerSpecInput, deps?: ScorerDependencies): Scorer {
  const parsed = scorerSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidConfig('scorer', parsed.error);
  return withJudging(scorerFor(parsed.data, deps), judgingOf(parsed.data));
}

/** Polarity is the scorer class's: a refusal scorer's True means the target held; pattern scorers say per config. */
function judgingOf(spec: ScorerSpec): ScorerJudging {
  switch (spec.type) {
    case 'substring':
    case 'regex':
      return { trueMeans: spec.true_means, objective: spec.objective };
    case 'refusal':
      return { trueMeans: 'held', objective: spec.objective };
    case 'self_ask_true_false':
      return { trueMeans: 'success', objective: spec.objective };
    case 'self_ask_likert':
      return { trueMeans: 'success', objective: spec.objective, threshold: spec.threshold };
  }
}

/** Every score the scorer stores names how it reads, so the outcome can be decided (and re-read) from the row alone. */
function withJudging(core: ScorerCore, judging: ScorerJudging): Scorer {
  const identifier = {
    ...core.identifier,
    true_means: judging.trueMeans,
    objective: judging.objective ? 'true' : 'false',
    ...(judging.threshold === undefined ? {} : { threshold: String(judging.threshold) }),
  } as const;
  return {
    identifier,
    scoreType: core.scoreType,
    judging,
    score: async (piece, context) => ({ ...(await core.score(piece, context)), scorer_class_identifier: identifier }),
  };
}

function scorerFor(spec: ScorerSpec, deps: ScorerDependencies | undefined): ScorerCore {
  switch (spec.type) {
    case 'substring':
      return createSubstringScorer(spec);
    case 'regex':
      return createRegexScorer(spec);
    case 'refusal':
      return createRefusalScorer(spec);
    case 'self_ask_true_false':
      return createSelfAskTrueFalseScorer(spec, judgeFor(spec, deps));
    case 'self_ask_likert':
      return createSelfAskLikertScorer(spec, judgeFor(spec, deps));
  }
}

function judgeFor(spec: { type: string; chat_target: TargetSpec }, deps: ScorerDependencies | undefined): PromptTarget {
  if (deps === undefined) {
    throw new Error(
      `A ${spec.type} scorer asks a judge model: pass createScorer a createTarget to build its chat_target.`,
    );
  }
  return deps.createTarget(spec.chat_target, `${deps.configPath ?? '$.parameters.scorers[*]'}.chat_target`);
}
