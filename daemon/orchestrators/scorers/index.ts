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
export {
  scorerSpecSchema,
  type ScorerSpec,
  type ScorerSpecInput,
  type ScorerType,
} from '../../../config/scorers/scorerSpec';
export { createScorer, type ScorerDependencies } from './createScorer';
export { likertScore, likertToScoreValue, pythonFloatString } from './likert';
export { trueFalseScore } from './trueFalseScore';
export { pyritScorerIdentifiers, violentutfScorerIdentifiers } from './scorerIdentifiers';
export { defaultRefusalPhrases } from './refusalPhrases';
export { createSelfAskTrueFalseScorer } from './selfAskTrueFalseScorer';
export { createSelfAskLikertScorer } from './selfAskLikertScorer';
export { likertScales, likertScaleNames, type LikertScaleName } from '../../../config/scorers/selfAskLikertScales';
export { SelfAskScorerError } from './selfAskJudge';
