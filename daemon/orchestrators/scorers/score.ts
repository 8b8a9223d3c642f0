import type { TrueMeans } from '../../../domain/attackOutcome';

/**
 * How PyRIT names a scorer in `ScoreEntries.scorer_class_identifier`, plus how its verdict is read: a stored score
 * carries its polarity (and threshold, and whether it decided), so the outcome rule never guesses it from a category.
 * Values are strings, as PyRIT's identifier dicts are.
 */
export interface ScorerIdentifier {
  readonly __type__: string;
  readonly __module__: string;
  readonly true_means?: TrueMeans;
  readonly objective?: 'true' | 'false';
  readonly threshold?: string;
}

/** How a scorer's verdict counts for the attack (docs/results.md "How one score reads"). */
export interface ScorerJudging {
  readonly trueMeans: TrueMeans;
  /** Whether its verdict decides the outcome (prompt_sending's `objective` field). */
  readonly objective: boolean;
  /** For float_scale scorers: the value from which a score reads as True. */
  readonly threshold?: number;
}

/** PyRIT's score types: a "True"/"False" verdict, or a value from "0.0" to "1.0". */
export type ScoreType = 'true_false' | 'float_scale';

interface ScoreFields {
  score_category: string;
  /** Why this value: what matched, where, or the judge's reasoning. */
  score_rationale: string;
  /** What the value means for this scorer. */
  score_value_description: string;
  scorer_class_identifier: ScorerIdentifier;
  /** Extra figures, as PyRIT keeps the raw Likert level (`{likert_value: "4"}`) next to the scaled value. */
  score_metadata?: Readonly<Record<string, string>>;
}

export interface TrueFalseScore extends ScoreFields {
  score_type: 'true_false';
  /** Capitalized, as Python's `str(bool)` writes it: that is what PyRIT stores. */
  score_value: 'True' | 'False';
}

export interface FloatScaleScore extends ScoreFields {
  score_type: 'float_scale';
  /** "0.0" to "1.0", as Python's `str(float)` writes it. */
  score_value: string;
}

export type ScoreResult = TrueFalseScore | FloatScaleScore;

/** The part of a response piece a scorer reads. */
export interface ScoredPiece {
  converted_value: string;
  /** PyRIT's values: "none", "blocked" (a content filter stopped it), "processing", "empty", "unknown". */
  response_error: string;
}

export interface ScoringContext {
  /** The attack's objective; self-ask scorers judge the response against it. */
  objective?: string;
  /** The prompt that was answered, before and after the converters (the decoding scorer compares with it). */
  request?: { readonly original_value: string; readonly converted_value: string };
  /** Cancels an LLM-backed scorer's request when the execution is cancelled. */
  signal?: AbortSignal;
}

/**
 * Every scorer is async, though the pattern scorers never wait, so that LLM-backed scorers (self-ask
 * true/false and Likert, which call a chat target) fit the same slot in the execution engine.
 */
export interface ScorerCore<Result extends ScoreResult = ScoreResult> {
  readonly identifier: ScorerIdentifier;
  readonly scoreType: Result['score_type'];
  score(piece: ScoredPiece, context?: ScoringContext): Promise<Result>;
}

/** A scorer as configured: its class's work plus how its verdict counts (added by createScorer). */
export interface Scorer<Result extends ScoreResult = ScoreResult> extends ScorerCore<Result> {
  readonly judging: ScorerJudging;
}
