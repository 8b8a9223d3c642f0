import { compileRegexPattern, type RegexScorerSpec } from '../../../config/scorers/regexScorer';
import type { ScorerCore, TrueFalseScore } from './score';
import { violentutfScorerIdentifiers } from './scorerIdentifiers';
import { excerpt, trueFalseScore } from './trueFalseScore';

/**
 * Matches with RE2 (see config/scorers/regexScorer.ts): the answer is the attacker's, and a backtracking engine
 * would let it hold the daemon's only thread for as long as it likes. A matcher keeps no state between answers.
 */
export function createRegexScorer(spec: RegexScorerSpec): ScorerCore<TrueFalseScore> {
  const identifier = violentutfScorerIdentifiers.regex;
  const expression = compileRegexPattern(spec.pattern, spec.flags);
  const shown = `/${spec.pattern}/${spec.flags}`;
  return {
    identifier,
    scoreType: 'true_false',
    score: async (piece) => {
      const matcher = expression.matcher(piece.converted_value);
      const found = matcher.find();
      return trueFalseScore({
        value: found,
        category: spec.category,
        description: found ? `The response matches ${shown}.` : `The response does not match ${shown}.`,
        rationale: found
          ? `Matched ${excerpt(matcher.group() ?? '')} at character ${matcher.start()} of the response.`
          : `No part of the response matches ${shown}.`,
        identifier,
      });
    },
  };
}
