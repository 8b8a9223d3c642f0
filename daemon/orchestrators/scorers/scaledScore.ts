import { pythonFloatString } from './likert';
import type { FloatScaleScore, ScorerIdentifier } from './score';

/** A judge's value on a min–max scale, stored as PyRIT does: scaled to 0–1, the raw value in the metadata. */
export function scaledScore(fields: {
  value: number;
  minimum: number;
  maximum: number;
  category: string;
  description: string;
  rationale: string;
  identifier: ScorerIdentifier;
}): FloatScaleScore {
  const scaled = (fields.value - fields.minimum) / (fields.maximum - fields.minimum);
  return {
    score_value: pythonFloatString(Math.round(scaled * 1e6) / 1e6),
    score_type: 'float_scale',
    score_category: fields.category,
    score_rationale: fields.rationale,
    score_value_description: fields.description,
    scorer_class_identifier: fields.identifier,
    score_metadata: {
      raw_value: String(fields.value),
      minimum_value: String(fields.minimum),
      maximum_value: String(fields.maximum),
    },
  };
}

/** A number within [minimum, maximum], written as a number or a numeric string. */
export function readScaleValue(value: unknown, minimum: number, maximum: number): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value.trim())
        : Number.NaN;
  return Number.isFinite(number) && number >= minimum && number <= maximum ? number : undefined;
}
