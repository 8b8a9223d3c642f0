import { invalidConfig } from '../converters/invalidConfig';
import { createRefusalScorer } from './refusalScorer';
import { createRegexScorer } from './regexScorer';
import type { Scorer } from './score';
import { scorerSpecSchema, type ScorerSpec, type ScorerSpecInput } from './scorerSpec';
import { createSubstringScorer } from './substringScorer';

/** Validates a spec (filling in defaults) and builds its scorer; a bad spec throws `InvalidConfig`. */
export function createScorer(spec: ScorerSpecInput): Scorer {
  const parsed = scorerSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidConfig('scorer', parsed.error);
  return scorerFor(parsed.data);
}

function scorerFor(spec: ScorerSpec): Scorer {
  switch (spec.type) {
    case 'substring':
      return createSubstringScorer(spec);
    case 'regex':
      return createRegexScorer(spec);
    case 'refusal':
      return createRefusalScorer(spec);
  }
}
