import { createPieceContext, type OrchestratorIdentifier, type PieceContext, type PyritIdentifier } from '../../memory';
import type { ConverterStack } from '../converters';
import type { PromptTarget } from '../targets';
import type { PendingPrompt } from './runPromptSending';

/** Who an objective's conversations belong to: the run, the objective, the attack class. */
export interface ObjectiveScope {
  executionId: string;
  orchestratorId: string;
  objective: PendingPrompt;
  /** PyRIT 1.x attack identifier (ATTACK_IDENTIFIERS), without the instance id. */
  attack: PyritIdentifier;
  memoryLabels: Readonly<Record<string, string>>;
}

export interface ConversationContexts {
  target: PieceContext;
  attacker: PieceContext;
}

export function attackIdentifier(scope: ObjectiveScope): OrchestratorIdentifier {
  return { ...scope.attack, id: scope.orchestratorId };
}

/**
 * The contexts of one target conversation and the attacker conversation that drives it. Both carry the labels
 * red_teaming's pieces carry (orchestrator_id, execution_id, objective_index, and red_team_conversation_id naming
 * the attacker's side), so resume finds an unfinished objective's pieces and either conversation leads to the
 * other; `extra` adds an attack's own links (a TAP branch's parent). The attacker's side is kept out of the
 * execution index (executionId null): results/list and the summaries count target conversations only.
 */
export function conversationContexts(
  scope: ObjectiveScope,
  models: { objectiveTarget: PromptTarget; adversarialChat: PromptTarget; converters: ConverterStack },
  attackerConversationId: string,
  extra: Readonly<Record<string, string>> = {},
): ConversationContexts {
  const labels = {
    ...scope.memoryLabels,
    ...extra,
    orchestrator_id: scope.orchestratorId,
    execution_id: scope.executionId,
    objective_index: scope.objective.key,
    red_team_conversation_id: attackerConversationId,
  };
  const orchestrator = attackIdentifier(scope);
  return {
    target: createPieceContext({
      labels,
      promptTarget: { ...models.objectiveTarget.identifier },
      orchestrator,
      converters: models.converters.identifiers.map((identifier) => ({ ...identifier })),
    }),
    attacker: {
      ...createPieceContext({
        labels,
        promptTarget: { ...models.adversarialChat.identifier },
        orchestrator,
        converters: [],
      }),
      executionId: null,
    },
  };
}
