export { DatabaseManager } from './databaseManager';
export { duckdbMemory } from './duckdbMemory';
export { ThreadedMemory } from './thread/threadedMemory';
export type { MemoryBackend, PostgresDetails, PostgresSummary } from './memoryBackend';
export type { SqlReader, SqlValue } from './sqlSession';
export type { ClearCacheResult, DatabaseManagerOptions, DatabaseState, DatabaseStats } from './databaseManager';
export { MemoryStore } from './memoryStore';
export type { Exchange, ExecutionFilter, OrchestratorFilter, SeedPromptResult } from './memoryStore';
export {
  buildPiece,
  buildRequestPiece,
  buildResponsePiece,
  withUsage,
  buildScoreRow,
  createPieceContext,
  sha256Hex,
} from './pyritRecords';
export type {
  MemoryLabels,
  OrchestratorIdentifier,
  PieceContext,
  PieceContextInput,
  PieceInput,
  PromptDataType,
  PromptMetadata,
  PromptPiece,
  PyritIdentifier,
  PyritRole,
  RequestInput,
  ResponseError,
  ResponseInput,
  ScoreInput,
  ScoreType,
  SeedPromptInput,
} from './pyritRecords';
export type {
  ExecutionInput,
  ExecutionRecord,
  ExecutionStatus,
  ExecutionUpdate,
  JsonObject,
  JsonValue,
  OrchestratorConfigInput,
  OrchestratorConfigRecord,
} from './orchestratorRecords';
export type {
  ResultsCursor,
  ResultsQuery,
  ResultsSort,
  StoredAttackResult,
  StoredLabel,
  StoredResultPage,
  StoredScore,
} from './attackResultQueries';
export { NO_CONVERTER, type ScorerTally, type StoredSummary } from './attackResultSummary';
export { ATTACK_IDENTIFIERS, buildAttackResult, type AttackResultInput, type AttackResultRows } from './attackResults';
export type { LabelInput, LabelResult } from './attackResultWrites';
export type { WriteTransaction } from './writeTransaction';
export type { ConversationTurn, ConversationTurnScore } from './conversationQueries';
export type { StoredRoleUsage } from './usageLedger';
export type { ExecutionModelCallRow } from './tableRows';
