import type { ScorerIdentifier, TrueFalseScore } from './score';

export function trueFalseScore(fields: {
  value: boolean;
  category: string;
  description: string;
  rationale: string;
  identifier: ScorerIdentifier;
}): TrueFalseScore {
  return {
    score_value: fields.value ? 'True' : 'False',
    score_type: 'true_false',
    score_category: fields.category,
    score_rationale: fields.rationale,
    score_value_description: fields.description,
    scorer_class_identifier: fields.identifier,
  };
}

/** Quotes text from a response for a rationale, cut short so a long match does not flood the results table. */
export function excerpt(text: string, maxLength = 80): string {
  const characters = Array.from(text);
  return JSON.stringify(characters.length <= maxLength ? text : `${characters.slice(0, maxLength).join('')}…`);
}
