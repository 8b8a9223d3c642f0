export type {
  FloatScaleScore,
  ScoredPiece,
  Scorer,
  ScorerIdentifier,
  ScoreResult,
  ScoreType,
  ScoringContext,
  TrueFalseScore,
} from './score';
export { scorerSpecSchema, type ScorerSpec, type ScorerSpecInput, type ScorerType } from './scorerSpec';
export { createScorer } from './createScorer';
export { likertScore, likertToScoreValue, pythonFloatString } from './likert';
export { trueFalseScore } from './trueFalseScore';
export { pyritScorerIdentifiers, violentutfScorerIdentifiers } from './scorerIdentifiers';
export { defaultRefusalPhrases } from './refusalPhrases';
