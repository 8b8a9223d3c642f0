import type { SubstringScorerSpec } from '../../../config/scorers/substringScorer';
import type { ScorerCore, TrueFalseScore } from './score';
import { pyritScorerIdentifiers } from './scorerIdentifiers';
import { excerpt, trueFalseScore } from './trueFalseScore';

export function createSubstringScorer(spec: SubstringScorerSpec): ScorerCore<TrueFalseScore> {
  const identifier = pyritScorerIdentifiers.substring;
  const needle = spec.case_sensitive ? spec.substring : spec.substring.toLowerCase();
  const quoted = excerpt(spec.substring);
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece) => {
      const haystack = spec.case_sensitive ? piece.converted_value : piece.converted_value.toLowerCase();
      const at = haystack.indexOf(needle);
      return trueFalseScore({
        value: at >= 0,
        category: spec.category,
        description: at >= 0 ? `The response contains ${quoted}.` : `The response does not contain ${quoted}.`,
        rationale:
          at >= 0
            ? `Found ${quoted} at character ${at} of the response.`
            : `${quoted} does not occur in the response${spec.case_sensitive ? ' (case-sensitive match)' : ''}.`,
        identifier,
      });
    },
  };
}
