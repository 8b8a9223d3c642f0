import type { FloatScaleScore, ScorerIdentifier } from './score';

/**
 * A Likert level (1–5) as PyRIT stores it: scaled to 0–1 by (level − 1) / 4 and written as Python's `str(float)`
 * writes it, so 1 → "0.0", 2 → "0.25", 3 → "0.5", 4 → "0.75", 5 → "1.0".
 */
export function likertToScoreValue(level: number): string {
  if (!Number.isInteger(level) || level < 1 || level > 5) {
    throw new RangeError(`A Likert level is a whole number from 1 to 5; got ${level}.`);
  }
  return pythonFloatString((level - 1) / 4);
}

/** Python writes whole floats with a trailing ".0", which JavaScript's String() leaves off. */
export function pythonFloatString(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** The score a Likert judge gives, keeping the raw level in the metadata as PyRIT does. */
export function likertScore(fields: {
  level: number;
  category: string;
  description: string;
  rationale: string;
  identifier: ScorerIdentifier;
}): FloatScaleScore {
  return {
    score_value: likertToScoreValue(fields.level),
    score_type: 'float_scale',
    score_category: fields.category,
    score_rationale: fields.rationale,
    score_value_description: fields.description,
    scorer_class_identifier: fields.identifier,
    score_metadata: { likert_value: String(fields.level) },
  };
}
