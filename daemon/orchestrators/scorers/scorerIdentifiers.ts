import { scorerCatalog } from '../../../config/scorers/scorerCatalog';
import type { ScorerIdentifier } from './score';

/** Scorers PyRIT has, under PyRIT's own class and module names (its 0.9 layout for these three). */
export const pyritScorerIdentifiers = {
  substring: scorerCatalog.substring.identifier,
  selfAskTrueFalse: scorerCatalog.self_ask_true_false.identifier,
  selfAskLikert: scorerCatalog.self_ask_likert.identifier,
} as const satisfies Record<string, ScorerIdentifier>;

/**
 * PyRIT's regex scorer takes a set of named patterns and its refusal scorer asks an LLM, so ours are named as
 * ours, in PyRIT's shape: a row must not claim a PyRIT class produced it when none did.
 */
export const violentutfScorerIdentifiers = {
  regex: scorerCatalog.regex.identifier,
  refusal: scorerCatalog.refusal.identifier,
} as const satisfies Record<string, ScorerIdentifier>;
