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
export { createScorer, type ScorerDependencies } from './createScorer';
export { likertScore, likertToScoreValue, pythonFloatString } from './likert';
export { trueFalseScore } from './trueFalseScore';
export { pyritScorerIdentifiers, violentutfScorerIdentifiers } from './scorerIdentifiers';
export { defaultRefusalPhrases } from './refusalPhrases';
export { createSelfAskTrueFalseScorer, selfAskTrueFalseScorerSpecSchema, type SelfAskTrueFalseScorerSpec } from './selfAskTrueFalseScorer';
export { createSelfAskLikertScorer, selfAskLikertScorerSpecSchema, type SelfAskLikertScorerSpec } from './selfAskLikertScorer';
export { likertScales, likertScaleNames, type LikertScaleName } from './selfAskLikertScales';
export { SelfAskScorerError } from './selfAskJudge';
