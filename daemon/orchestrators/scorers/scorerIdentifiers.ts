import type { ScorerIdentifier } from './score';

/** Scorers PyRIT has, under PyRIT's own class and module names (its 0.9 layout). */
export const pyritScorerIdentifiers = {
  substring: { __type__: 'SubStringScorer', __module__: 'pyrit.score.substring_scorer' },
  selfAskTrueFalse: { __type__: 'SelfAskTrueFalseScorer', __module__: 'pyrit.score.self_ask_true_false_scorer' },
  selfAskLikert: { __type__: 'SelfAskLikertScorer', __module__: 'pyrit.score.self_ask_likert_scorer' },
} as const satisfies Record<string, ScorerIdentifier>;

/**
 * PyRIT has no regex scorer and its refusal scorer asks an LLM, so ours are named as ours, in PyRIT's shape:
 * a row must not claim a PyRIT class produced it when none did.
 */
export const violentutfScorerIdentifiers = {
  regex: { __type__: 'RegexScorer', __module__: 'violentutf.score.regex_scorer' },
  refusal: { __type__: 'RefusalPhraseScorer', __module__: 'violentutf.score.refusal_phrase_scorer' },
} as const satisfies Record<string, ScorerIdentifier>;
