import { randomUUID } from 'node:crypto';
import type { AttackOutcome, OutcomeDecision, TrueMeans } from '../../domain/attackOutcome';
import type { JsonValue } from '../../domain/json';
import type { OrchestratorIdentifier } from './pyritRecords';
import { sha256Hex } from './pyritRecords';
import type { AttackResultRow, ExecutionAttackResultRow } from './tableRows';
import { localTimestampMicros } from './timestamps';

/** PyRIT 1.x's attack classes, under their own names, for `attack_identifier`. */
export const ATTACK_IDENTIFIERS = {
  promptSending: { __type__: 'PromptSendingAttack', __module__: 'pyrit.executor.attack.single_turn.prompt_sending' },
  redTeaming: { __type__: 'RedTeamingAttack', __module__: 'pyrit.executor.attack.multi_turn.red_teaming' },
  crescendo: { __type__: 'CrescendoAttack', __module__: 'pyrit.executor.attack.multi_turn.crescendo' },
  // TAPAttack is PyRIT's alias of this class; the identifier names the class itself.
  treeOfAttacks: {
    __type__: 'TreeOfAttacksWithPruningAttack',
    __module__: 'pyrit.executor.attack.multi_turn.tree_of_attacks',
  },
  // PyRIT 1.x has no PAIR class of its own (0.x's PAIROrchestrator was TAP with one branch per stream).
  pair: { __type__: 'PAIRAttack', __module__: 'pyrit.executor.attack.multi_turn.pair' },
  manyShot: {
    __type__: 'ManyShotJailbreakAttack',
    __module__: 'pyrit.executor.attack.single_turn.many_shot_jailbreak',
  },
  skeletonKey: { __type__: 'SkeletonKeyAttack', __module__: 'pyrit.executor.attack.single_turn.skeleton_key' },
  multiPromptSending: {
    __type__: 'MultiPromptSendingAttack',
    __module__: 'pyrit.executor.attack.multi_turn.multi_prompt_sending',
  },
  flip: { __type__: 'FlipAttack', __module__: 'pyrit.executor.attack.single_turn.flip_attack' },
} as const;

export interface AttackResultInput {
  id?: string;
  executionId: string;
  /** The prompt's (or objective's) position in the execution input. */
  promptIndex: number;
  conversationId: string;
  /** The prompt itself for prompt_sending; the objective for multi-turn attacks. */
  objective: string;
  attack: OrchestratorIdentifier;
  /** The answer the outcome judges; null when none was stored (an attacker that failed before any turn). */
  lastResponseId: string | null;
  decision: OutcomeDecision;
  executedTurns: number;
  executionTimeMs: number;
  /** The labels the exchange's pieces carry (PieceContext.labelsJson). */
  labelsJson: string;
  adversarialConversationIds?: readonly string[];
  /** Target conversations the attack explored but does not rest on (TAP's pruned branches, PAIR's other streams). */
  prunedConversationIds?: readonly string[];
  /** Further facts of the attack (backtracks, the aggregator…), kept beside the automated outcome. */
  metadata?: Readonly<Record<string, JsonValue>>;
  timestamp?: Date;
}

export interface AttackResultRows {
  row: AttackResultRow;
  indexRow: ExecutionAttackResultRow;
}

/**
 * The row PyRIT 1.x would store for this attack, plus its line in our index. The automated outcome is kept in
 * `attack_metadata` too, so a reviewer's label (which replaces `outcome`) never hides what the scorers said.
 */
export function buildAttackResult(input: AttackResultInput): AttackResultRows {
  const id = input.id ?? randomUUID();
  const metadata = {
    ...input.metadata,
    execution_id: input.executionId,
    prompt_index: input.promptIndex,
    automated_outcome: input.decision.outcome,
    automated_outcome_reason: input.decision.reason,
  };
  return {
    row: {
      id,
      conversation_id: input.conversationId,
      objective: input.objective,
      objective_sha256: sha256Hex(input.objective),
      attack_identifier: JSON.stringify(input.attack),
      last_response_id: input.lastResponseId,
      automated_score_id: input.decision.deciding_score_id,
      human_score_id: null,
      executed_turns: input.executedTurns,
      execution_time_ms: Math.max(0, Math.round(input.executionTimeMs)),
      outcome: input.decision.outcome,
      outcome_reason: input.decision.reason,
      attack_metadata: JSON.stringify(metadata),
      pruned_conversation_ids: JSON.stringify(input.prunedConversationIds ?? []),
      adversarial_chat_conversation_ids: JSON.stringify(input.adversarialConversationIds ?? []),
      labels: input.labelsJson,
      timestamp: localTimestampMicros(input.timestamp ?? new Date()),
    },
    indexRow: { execution_id: input.executionId, attack_result_id: id, prompt_index: input.promptIndex },
  };
}

/** How a stored score reads, from its identifier; scores stored before identifiers said so get their class's rule. */
export interface StoredJudging {
  true_means: TrueMeans;
  objective: boolean;
  threshold: number | null;
}

/** Classes whose "True" meant the target held before identifiers carried `true_means` (schema 3 and earlier). */
export const HELD_WHEN_TRUE: ReadonlySet<string> = new Set(['RefusalPhraseScorer', 'SelfAskRefusalScorer']);

export function storedJudging(identifier: JsonValue): StoredJudging {
  const fields = typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier) ? identifier : {};
  const declared = fields.true_means;
  const type = typeof fields.__type__ === 'string' ? fields.__type__ : '';
  const threshold = typeof fields.threshold === 'string' ? Number(fields.threshold) : NaN;
  return {
    true_means:
      declared === 'held' || declared === 'success' ? declared : HELD_WHEN_TRUE.has(type) ? 'held' : 'success',
    objective: fields.objective !== 'false',
    threshold: Number.isFinite(threshold) ? threshold : null,
  };
}

export function isStoredOutcome(value: string | null): value is AttackOutcome {
  return value === 'success' || value === 'failure' || value === 'error' || value === 'undetermined';
}
