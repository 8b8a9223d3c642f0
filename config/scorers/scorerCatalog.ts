import type { TrueMeans } from '../../domain/attackOutcome';
import type { ScorerType } from './scorerSpec';

/**
 * How a stored score reads once its polarity is known:
 * - fixed: the class says what its True means (a refusal scorer's True is "held");
 * - configurable: the config's `true_means` says (default in `trueMeans`);
 * - inherited: the wrapped scorer's (float_scale_threshold);
 * - inverted: the opposite of the wrapped scorer's (true_false_inverter).
 */
export type Polarity = 'fixed' | 'configurable' | 'inherited' | 'inverted';

export interface ScorerCatalogEntry {
  /** Stored as `scorer_class_identifier`: PyRIT's class and module, or ours where PyRIT's class does something else. */
  readonly identifier: { readonly __type__: string; readonly __module__: string };
  /** The PyRIT class this scorer is, or null when ours has no PyRIT counterpart. */
  readonly pyritClass: string | null;
  readonly scoreType: 'true_false' | 'float_scale';
  /** Whether it asks a judge model (its spec has a `chat_target`). */
  readonly needsModel: boolean;
  /** What a True (or a float at or above the threshold) means, by default; null when the wrapped scorer decides. */
  readonly trueMeans: TrueMeans | null;
  readonly polarity: Polarity;
}

const pyrit = (
  __type__: string,
  __module__: string,
  rest: Omit<ScorerCatalogEntry, 'identifier' | 'pyritClass'>,
): ScorerCatalogEntry => ({ identifier: { __type__, __module__ }, pyritClass: __type__, ...rest });

const patternFamily = {
  scoreType: 'true_false',
  needsModel: false,
  trueMeans: 'success',
  polarity: 'configurable',
} as const;
const judge = { scoreType: 'true_false', needsModel: true, trueMeans: 'success', polarity: 'fixed' } as const;
const floatJudge = { scoreType: 'float_scale', needsModel: true, trueMeans: 'success', polarity: 'fixed' } as const;
const regexModule = (name: string) => `pyrit.score.true_false.regex.${name}`;

/**
 * THE list of scorer types: what `scorers/list` answers, what createScorer reads each scorer's polarity from, what
 * the docs table follows. Keyed by every `type` of the spec union, so a scorer cannot be added to one and not the
 * other (the compiler refuses).
 */
export const scorerCatalog: Readonly<Record<ScorerType, ScorerCatalogEntry>> = {
  substring: pyrit('SubStringScorer', 'pyrit.score.substring_scorer', {
    ...patternFamily,
  }),
  regex: {
    identifier: { __type__: 'RegexScorer', __module__: 'violentutf.score.regex_scorer' },
    pyritClass: 'RegexScorer',
    ...patternFamily,
  },
  refusal: {
    // PyRIT's refusal scorer asks an LLM; this one looks for phrases, so it is named as ours.
    identifier: { __type__: 'RefusalPhraseScorer', __module__: 'violentutf.score.refusal_phrase_scorer' },
    pyritClass: null,
    scoreType: 'true_false',
    needsModel: false,
    trueMeans: 'held',
    polarity: 'fixed',
  },
  self_ask_true_false: pyrit('SelfAskTrueFalseScorer', 'pyrit.score.self_ask_true_false_scorer', judge),
  self_ask_likert: pyrit('SelfAskLikertScorer', 'pyrit.score.self_ask_likert_scorer', floatJudge),
  self_ask_refusal: pyrit('SelfAskRefusalScorer', 'pyrit.score.true_false.self_ask_refusal_scorer', {
    ...judge,
    trueMeans: 'held',
  }),
  self_ask_general_true_false: pyrit(
    'SelfAskGeneralTrueFalseScorer',
    'pyrit.score.true_false.self_ask_general_true_false_scorer',
    { ...judge, polarity: 'configurable' },
  ),
  self_ask_category: pyrit('SelfAskCategoryScorer', 'pyrit.score.true_false.self_ask_category_scorer', judge),
  self_ask_scale: pyrit('SelfAskScaleScorer', 'pyrit.score.float_scale.self_ask_scale_scorer', floatJudge),
  self_ask_general_float_scale: pyrit(
    'SelfAskGeneralFloatScaleScorer',
    'pyrit.score.float_scale.self_ask_general_float_scale_scorer',
    { ...floatJudge, polarity: 'configurable' },
  ),
  self_ask_question_answer: pyrit(
    'SelfAskQuestionAnswerScorer',
    'pyrit.score.true_false.self_ask_question_answer_scorer',
    judge,
  ),
  llama_guard: pyrit('LlamaGuardScorer', 'pyrit.score.true_false.llamaguard_scorer', judge),
  shield_gemma: pyrit('ShieldGemmaScorer', 'pyrit.score.true_false.shieldgemma_scorer', judge),
  float_scale_threshold: pyrit('FloatScaleThresholdScorer', 'pyrit.score.true_false.float_scale_threshold_scorer', {
    scoreType: 'true_false',
    needsModel: false,
    trueMeans: null,
    polarity: 'inherited',
  }),
  true_false_inverter: pyrit('TrueFalseInverterScorer', 'pyrit.score.true_false.true_false_inverter_scorer', {
    scoreType: 'true_false',
    needsModel: false,
    trueMeans: null,
    polarity: 'inverted',
  }),
  true_false_composite: pyrit('TrueFalseCompositeScorer', 'pyrit.score.true_false.true_false_composite_scorer', {
    scoreType: 'true_false',
    needsModel: false,
    trueMeans: 'success',
    polarity: 'fixed',
  }),
  markdown_injection: pyrit('MarkdownInjectionScorer', regexModule('markdown_injection'), patternFamily),
  credential_leak: pyrit('CredentialLeakScorer', regexModule('credential_leak_scorer'), patternFamily),
  xss_output: pyrit('XSSOutputScorer', regexModule('xss_output_scorer'), patternFamily),
  sql_injection_output: pyrit('SQLInjectionOutputScorer', regexModule('sql_injection_output_scorer'), patternFamily),
  shell_command_output: pyrit('ShellCommandOutputScorer', regexModule('shell_command_output_scorer'), patternFamily),
  path_traversal_output: pyrit('PathTraversalOutputScorer', regexModule('path_traversal_output_scorer'), patternFamily),
  ssrf_output: pyrit('SSRFOutputScorer', regexModule('ssrf_output_scorer'), patternFamily),
  ssti_output: pyrit('SSTIOutputScorer', regexModule('ssti_output_scorer'), patternFamily),
  decoding: pyrit('DecodingScorer', 'pyrit.score.true_false.decoding_scorer', {
    scoreType: 'true_false',
    needsModel: false,
    trueMeans: 'success',
    polarity: 'fixed',
  }),
  system_prompt_extraction: pyrit(
    'SystemPromptExtractionScorer',
    'pyrit.score.float_scale.system_prompt_extraction_scorer',
    { scoreType: 'float_scale', needsModel: false, trueMeans: 'success', polarity: 'fixed' },
  ),
};

/** The score type a spec yields, by its type. */
export function scoreTypeOf(type: ScorerType): 'true_false' | 'float_scale' {
  return scorerCatalog[type].scoreType;
}
