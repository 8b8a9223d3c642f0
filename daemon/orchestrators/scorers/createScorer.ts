import type { PromptTarget } from '../targets/promptTarget';
import type { TargetSpec } from '../../../config/targetSpec';
import { invalidConfig } from '../converters/invalidConfig';
import { credentialLeakPatterns } from '../../../config/scorers/credentialLeakScorer';
import { markdownInjectionPatterns } from '../../../config/scorers/markdownInjectionScorer';
import { pathTraversalPatterns } from '../../../config/scorers/pathTraversalOutputScorer';
import { scorerCatalog } from '../../../config/scorers/scorerCatalog';
import { shellCommandPatterns } from '../../../config/scorers/shellCommandOutputScorer';
import { sqlInjectionPatterns } from '../../../config/scorers/sqlInjectionOutputScorer';
import { ssrfPatterns } from '../../../config/scorers/ssrfOutputScorer';
import { sstiPatterns } from '../../../config/scorers/sstiOutputScorer';
import { xssPatterns } from '../../../config/scorers/xssOutputScorer';
import { scorerSpecSchema, type ScorerSpec, type ScorerSpecInput } from '../../../config/scorers/scorerSpec';
import type { TrueMeans } from '../../../domain/attackOutcome';
import { createDecodingScorer } from './decodingScorer';
import { createFloatScaleThresholdScorer } from './floatScaleThresholdScorer';
import { createLlamaGuardScorer } from './llamaGuardScorer';
import { createPatternFamilyScorer } from './patternFamilyScorer';
import { createRefusalScorer } from './refusalScorer';
import { createRegexScorer } from './regexScorer';
import type { Scorer, ScorerCore, ScorerJudging } from './score';
import { createSelfAskCategoryScorer } from './selfAskCategoryScorer';
import { createSelfAskGeneralFloatScaleScorer } from './selfAskGeneralFloatScaleScorer';
import { createSelfAskGeneralTrueFalseScorer } from './selfAskGeneralTrueFalseScorer';
import { createSelfAskLikertScorer } from './selfAskLikertScorer';
import { createSelfAskQuestionAnswerScorer } from './selfAskQuestionAnswerScorer';
import { createSelfAskRefusalScorer } from './selfAskRefusalScorer';
import { createSelfAskScaleScorer } from './selfAskScaleScorer';
import { createSelfAskTrueFalseScorer } from './selfAskTrueFalseScorer';
import { createShieldGemmaScorer } from './shieldGemmaScorer';
import { createSubstringScorer } from './substringScorer';
import { createSystemPromptExtractionScorer } from './systemPromptExtractionScorer';
import { createTrueFalseCompositeScorer } from './trueFalseCompositeScorer';
import { createTrueFalseInverterScorer } from './trueFalseInverterScorer';

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
 * need nothing else; LLM-backed scorers need `deps` to build their judge.
 */
export function createScorer(spec: ScorerSpecInput, deps?: ScorerDependencies): Scorer {
  const parsed = scorerSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidConfig('scorer', parsed.error);
  return buildScorer(parsed.data, deps?.configPath ?? '$.parameters.scorers[*]', deps);
}

function buildScorer(spec: ScorerSpec, configPath: string, deps: ScorerDependencies | undefined): Scorer {
  const built = scorerFor(spec, configPath, deps);
  return withJudging(built.core, { ...judgingOf(spec, built.inner), objective: spec.objective });
}

const flip = (trueMeans: TrueMeans): TrueMeans => (trueMeans === 'success' ? 'held' : 'success');

/**
 * Polarity as the catalog declares it (scorerCatalog's `polarity`): the class's own, the config's, or the wrapped
 * scorer's (kept by a threshold, flipped by an inverter). A composite's True always means jailbroken.
 */
function judgingOf(spec: ScorerSpec, inner: Scorer | undefined): Omit<ScorerJudging, 'objective'> {
  const entry = scorerCatalog[spec.type];
  const threshold = 'threshold' in spec && entry.scoreType === 'float_scale' ? { threshold: spec.threshold } : {};
  switch (entry.polarity) {
    case 'configurable':
      return { trueMeans: 'true_means' in spec ? spec.true_means : 'success', ...threshold };
    case 'inherited':
      return { trueMeans: inner?.judging.trueMeans ?? 'success' };
    case 'inverted':
      return { trueMeans: flip(inner?.judging.trueMeans ?? 'held') };
    case 'fixed':
      return { trueMeans: entry.trueMeans ?? 'success', ...threshold };
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

interface Built {
  core: ScorerCore;
  /** The wrapped scorer of a threshold or inverter, whose polarity theirs follows. */
  inner?: Scorer;
}

function scorerFor(spec: ScorerSpec, path: string, deps: ScorerDependencies | undefined): Built {
  const identifier = scorerCatalog[spec.type].identifier;
  const judge = (judged: { type: string; chat_target: TargetSpec }) => judgeFor(judged, path, deps);
  switch (spec.type) {
    case 'substring':
      return { core: createSubstringScorer(spec) };
    case 'regex':
      return { core: createRegexScorer(spec) };
    case 'refusal':
      return { core: createRefusalScorer(spec) };
    case 'self_ask_true_false':
      return { core: createSelfAskTrueFalseScorer(spec, judge(spec)) };
    case 'self_ask_likert':
      return { core: createSelfAskLikertScorer(spec, judge(spec)) };
    case 'self_ask_refusal':
      return { core: createSelfAskRefusalScorer(spec, judge(spec), identifier) };
    case 'self_ask_general_true_false':
      return { core: createSelfAskGeneralTrueFalseScorer(spec, judge(spec), identifier) };
    case 'self_ask_category':
      return { core: createSelfAskCategoryScorer(spec, judge(spec), identifier) };
    case 'self_ask_scale':
      return { core: createSelfAskScaleScorer(spec, judge(spec), identifier) };
    case 'self_ask_general_float_scale':
      return { core: createSelfAskGeneralFloatScaleScorer(spec, judge(spec), identifier) };
    case 'self_ask_question_answer':
      return { core: createSelfAskQuestionAnswerScorer(spec, judge(spec), identifier) };
    case 'llama_guard':
      return { core: createLlamaGuardScorer(spec, judge(spec), identifier) };
    case 'shield_gemma':
      return { core: createShieldGemmaScorer(spec, judge(spec), identifier) };
    case 'markdown_injection':
      return {
        core: createPatternFamilyScorer(spec, markdownInjectionPatterns, identifier, 'Markdown image injection'),
      };
    case 'credential_leak':
      return { core: createPatternFamilyScorer(spec, credentialLeakPatterns, identifier, 'credential') };
    case 'xss_output':
      return { core: createPatternFamilyScorer(spec, xssPatterns, identifier, 'cross-site scripting payload') };
    case 'sql_injection_output':
      return { core: createPatternFamilyScorer(spec, sqlInjectionPatterns, identifier, 'SQL injection payload') };
    case 'shell_command_output':
      return { core: createPatternFamilyScorer(spec, shellCommandPatterns, identifier, 'dangerous shell command') };
    case 'path_traversal_output':
      return { core: createPatternFamilyScorer(spec, pathTraversalPatterns, identifier, 'path traversal payload') };
    case 'ssrf_output':
      return { core: createPatternFamilyScorer(spec, ssrfPatterns, identifier, 'server-side request forgery URL') };
    case 'ssti_output':
      return { core: createPatternFamilyScorer(spec, sstiPatterns, identifier, 'template injection payload') };
    case 'decoding':
      return { core: createDecodingScorer(spec, identifier) };
    case 'system_prompt_extraction':
      return { core: createSystemPromptExtractionScorer(spec, identifier) };
    case 'float_scale_threshold': {
      const inner = buildScorer(spec.scorer, `${path}.scorer`, deps);
      return { core: createFloatScaleThresholdScorer(spec, inner, identifier), inner };
    }
    case 'true_false_inverter': {
      const inner = buildScorer(spec.scorer, `${path}.scorer`, deps);
      return { core: createTrueFalseInverterScorer(spec, inner, identifier), inner };
    }
    case 'true_false_composite': {
      const scorers = spec.scorers.map((inner, index) => buildScorer(inner, `${path}.scorers[${index}]`, deps));
      return { core: createTrueFalseCompositeScorer(spec, scorers, identifier) };
    }
  }
}

function judgeFor(
  spec: { type: string; chat_target: TargetSpec },
  path: string,
  deps: ScorerDependencies | undefined,
): PromptTarget {
  if (deps === undefined) {
    throw new Error(
      `A ${spec.type} scorer asks a judge model: pass createScorer a createTarget to build its chat_target.`,
    );
  }
  return deps.createTarget(spec.chat_target, `${path}.chat_target`);
}
