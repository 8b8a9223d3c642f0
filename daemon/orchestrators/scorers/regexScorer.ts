import type { RegexScorerSpec } from '../../../config/scorers/regexScorer';
import type { ScorerCore, TrueFalseScore } from './score';
import { violentutfScorerIdentifiers } from './scorerIdentifiers';
import { excerpt, trueFalseScore } from './trueFalseScore';

export function createRegexScorer(spec: RegexScorerSpec): ScorerCore<TrueFalseScore> {
  const identifier = violentutfScorerIdentifiers.regex;
  const expression = new RegExp(spec.pattern, spec.flags);
  const shown = `/${spec.pattern}/${spec.flags}`;
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece) => {
      const match = expression.exec(piece.converted_value);
      return trueFalseScore({
        value: match !== null,
        category: spec.category,
        description: match ? `The response matches ${shown}.` : `The response does not match ${shown}.`,
        rationale: match
          ? `Matched ${excerpt(match[0])} at character ${match.index} of the response.`
          : `No part of the response matches ${shown}.`,
        identifier,
      });
    },
  };
}
